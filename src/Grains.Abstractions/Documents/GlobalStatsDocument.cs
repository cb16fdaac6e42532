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
