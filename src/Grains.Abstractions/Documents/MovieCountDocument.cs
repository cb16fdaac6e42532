using System.Text.Json.Serialization;

namespace CineMatch.Documents;

/// <summary>One document of <c>movie_counts</c>: a film whose count is above zero.</summary>
[GenerateSerializer, Immutable, Alias("cinematch.MovieCountDocument")]
public sealed record MovieCountDocument
{
    [Id(0)] [JsonPropertyName("_id")] public required string Id { get; init; }
    [Id(1)] public required string Title { get; init; }
    [Id(2)] public int? Year { get; init; }
    [Id(3)] public long Count { get; init; }
    [Id(4)] public required string UpdatedAt { get; init; }
}
