using CineMatch.Counting;

namespace CineMatch.Statistics;

/// <summary>A present entry after the catalog join (CONTRACT section 3), with its film identity (section 5).</summary>
public sealed record EnrichedFilm
{
    public required string Name { get; init; }
    /// <summary>The year after enrichment (the catalog's when the entry had none).</summary>
    public int? Year { get; init; }
    /// <summary>The release year exactly as sent, for <c>top_years</c>.</summary>
    public int? SentYear { get; init; }
    public int? Rating { get; init; }
    public string? Date { get; init; }
    public string? ImdbId { get; init; }
    public IReadOnlyList<string> Genres { get; init; } = [];
    public int? Duration { get; init; }
    public string? Director { get; init; }
    public string? Actors { get; init; }
    public string? PosterUrl { get; init; }
    public double? AvgVote { get; init; }
    public string? Description { get; init; }
    /// <summary>The film's identity for global counts (CONTRACT section 5).</summary>
    public required string FilmKey { get; init; }
    /// <summary>Title (catalog's when matched), year and poster for the Top 10 and <c>movie_counts</c>.</summary>
    public required FilmLabel Label { get; init; }
}
