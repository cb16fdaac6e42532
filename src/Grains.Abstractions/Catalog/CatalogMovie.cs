namespace CineMatch.Catalog;

/// <summary>One document of <c>movies_catalog</c> (CONTRACT section 3).</summary>
[GenerateSerializer, Immutable, Alias("cinematch.CatalogMovie")]
public sealed record CatalogMovie
{
    [Id(0)] public string? ImdbId { get; init; }
    [Id(1)] public required string Title { get; init; }
    [Id(2)] public string? OriginalTitle { get; init; }
    [Id(3)] public string? NormalizedTitle { get; init; }
    [Id(4)] public string? NormalizedOriginalTitle { get; init; }
    [Id(5)] public int? Year { get; init; }
    [Id(6)] public IReadOnlyList<string> Genres { get; init; } = [];
    [Id(7)] public int? Duration { get; init; }
    [Id(8)] public string? Director { get; init; }
    [Id(9)] public string? Actors { get; init; }
    [Id(10)] public double? AvgVote { get; init; }
    [Id(11)] public string? PosterUrl { get; init; }
    [Id(12)] public string? Description { get; init; }
}
