namespace CineMatch.Statistics;

/// <summary>A present entry of a user's list, as the events left it (before enrichment).</summary>
public sealed record WatchedFilm
{
    public required string Name { get; init; }
    /// <summary>The release year as sent: part of the entry's identity.</summary>
    public int? Year { get; init; }
    public int? Rating { get; init; }
    public string? Date { get; init; }
    public string? ImdbId { get; init; }
    public IReadOnlyList<string>? Genres { get; init; }
    public int? Duration { get; init; }
    public string? Director { get; init; }
    public string? Actors { get; init; }
}
