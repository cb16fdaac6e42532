namespace CineMatch.Events;

/// <summary>The <c>movie</c> object of an event. Every field but <see cref="Name"/> may be missing.</summary>
[GenerateSerializer, Immutable, Alias("cinematch.MovieInfo")]
public sealed record MovieInfo
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public int? Year { get; init; }
    [Id(2)] public int? Rating { get; init; }
    [Id(3)] public string? ImdbId { get; init; }
    [Id(4)] public IReadOnlyList<string>? Genres { get; init; }
    [Id(5)] public int? Duration { get; init; }
    [Id(6)] public string? Director { get; init; }
    [Id(7)] public string? Actors { get; init; }
    /// <summary>The watch date as written: <c>YYYY-MM-DD</c> or an ISO-8601 date-time.</summary>
    [Id(8)] public string? Date { get; init; }
    [Id(9)] public int? OldRating { get; init; }
    [Id(10)] public int? NewRating { get; init; }
}
