using System.Text.Json.Serialization;

namespace CineMatch.Documents;

/// <summary>The single <c>global_stats</c> document with <c>type: "global_trends"</c> (CONTRACT section 5).</summary>
[GenerateSerializer, Immutable, Alias("cinematch.GlobalStatsDocument")]
public sealed record GlobalStatsDocument
{
    public const string TrendsType = "global_trends";

    [Id(0)] public string Type { get; init; } = TrendsType;
    [Id(1)] public IReadOnlyList<TopMovie> TopMovies { get; init; } = [];
    [Id(2)] public IReadOnlyList<GenreTrend> TrendingGenres { get; init; } = [];
    [Id(3)] public IReadOnlyDictionary<string, long> GenreCounts { get; init; } = new Dictionary<string, long>();
    [Id(4)] public long TotalUsers { get; init; }
    [Id(5)] public long TotalEntries { get; init; }
    [Id(6)] public required string UpdatedAt { get; init; }
    [Id(7)] public required string Source { get; init; }
}

[GenerateSerializer, Immutable, Alias("cinematch.TopMovie")]
public sealed record TopMovie([property: Id(0)] string Title, [property: Id(1)] string? PosterPath, [property: Id(2)] long Count);

[GenerateSerializer, Immutable, Alias("cinematch.GenreTrend")]
public sealed record GenreTrend([property: Id(0)] string Genre, [property: Id(1)] long Count, [property: Id(2)] double Percentage);

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

/// <summary>A record that could not be used (CONTRACT section 6), kept with its raw text.</summary>
[GenerateSerializer, Immutable, Alias("cinematch.DeadLetter")]
public sealed record DeadLetter
{
    [Id(0)] public required string Raw { get; init; }
    [Id(1)] public int? Partition { get; init; }
    [Id(2)] public long? Offset { get; init; }
    [Id(3)] public required string Reason { get; init; }
    [Id(4)] public required string Time { get; init; }
}

/// <summary>An event older than its user's watermark: not applied by the stream, left for reconcile.</summary>
[GenerateSerializer, Immutable, Alias("cinematch.LateEvent")]
public sealed record LateEvent
{
    [Id(0)] public required string UserId { get; init; }
    /// <summary>The event as JSON in the contract's shape.</summary>
    [Id(1)] public required string Raw { get; init; }
    [Id(2)] public int? Partition { get; init; }
    [Id(3)] public long? Offset { get; init; }
    [Id(4)] public required string Reason { get; init; }
    [Id(5)] public required string Time { get; init; }
}
