namespace CineMatch.Documents;

/// <summary>A user's current list as the grain holds it (present films, completed from the catalog): for support, not a stored collection.</summary>
[GenerateSerializer, Immutable, Alias("cinematch.UserListDocument")]
public sealed record UserListDocument
{
    [Id(0)] public required string UserId { get; init; }
    [Id(1)] public IReadOnlyList<MovieItem> Movies { get; init; } = [];
}
