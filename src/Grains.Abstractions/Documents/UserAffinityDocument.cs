using System.Text.Json.Serialization;

namespace CineMatch.Documents;

/// <summary>
/// One director, actor or genre of one user in <c>user_affinities</c>, as the backend's current revision reads
/// them (CONTRACT-V6 section 3): how many of the user's films name it, and the sum of their ratings.
/// </summary>
[GenerateSerializer, Immutable, Alias("cinematch.UserAffinityDocument")]
public sealed record UserAffinityDocument
{
    /// <summary><c>{user_id}_{type}_{name_key}</c>: the upsert identity, never parsed.</summary>
    [Id(0), JsonPropertyName("_id")] public required string Id { get; init; }
    [Id(1)] public required string UserId { get; init; }
    /// <summary><c>director</c>, <c>actor</c> or <c>genre</c>.</summary>
    [Id(2)] public required string Type { get; init; }
    [Id(3)] public required string Name { get; init; }
    [Id(4)] public required string NameKey { get; init; }
    [Id(5)] public int Count { get; init; }
    /// <summary>The ratings of the films counted (a film without a rating adds 0); always 0 for genres.</summary>
    [Id(6)] public int SumVoti { get; init; }
    /// <summary>The time of the write, as <c>user_stats.updated_at</c>; set by the writer, not by the calculation.</summary>
    [Id(7)] public string? UpdatedAt { get; init; }
}
