namespace CineMatch.Documents;

/// <summary>A film as shown in <c>top_rated_movies</c> and <c>recent_movies</c>: every key always present.</summary>
[GenerateSerializer, Immutable, Alias("cinematch.MovieItem")]
public sealed record MovieItem
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public int? Year { get; init; }
    [Id(2)] public int? Rating { get; init; }
    [Id(3)] public string? Date { get; init; }
    [Id(4)] public string? ImdbId { get; init; }
    [Id(5)] public IReadOnlyList<string> Genres { get; init; } = [];
    [Id(6)] public string? Director { get; init; }
    [Id(7)] public string? Actors { get; init; }
    [Id(8)] public int? Duration { get; init; }
    [Id(9)] public string? PosterUrl { get; init; }
    [Id(10)] public double? AvgVote { get; init; }
}
