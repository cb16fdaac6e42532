namespace CineMatch.Documents;

// The documents the dashboard reads. Property names map to the stored field names through
// snake_case (see DocumentJson); only the few that do not follow it carry an explicit name.

[GenerateSerializer, Immutable, Alias("cinematch.UserStatsDocument")]
public sealed record UserStatsDocument
{
    [Id(0)] public required string UserId { get; init; }
    [Id(1)] public int TotalWatched { get; init; }
    [Id(2)] public double AvgRating { get; init; }
    [Id(3)] public IReadOnlyList<RatingBar> RatingChartData { get; init; } = [];
    [Id(4)] public IReadOnlyList<MovieItem> TopRatedMovies { get; init; } = [];
    [Id(5)] public IReadOnlyList<MovieItem> RecentMovies { get; init; } = [];
    [Id(6)] public IReadOnlyList<YearActivity> YearData { get; init; } = [];
    [Id(7)] public IReadOnlyList<int> AvailableYears { get; init; } = [];
    [Id(8)] public IReadOnlyList<YearCount> TopYears { get; init; } = [];
    [Id(9)] public IReadOnlyList<GenreSlice> GenreData { get; init; } = [];
    [Id(10)] public string FavoriteGenre { get; init; } = "Nessuno";
    [Id(11)] public long WatchTimeHours { get; init; }
    [Id(12)] public long AvgDuration { get; init; }
    [Id(13)] public IReadOnlyList<PersonStat> MostWatchedDirectors { get; init; } = [];
    [Id(14)] public IReadOnlyDictionary<string, IReadOnlyList<PersonStat>> BestRatedDirectors { get; init; } = new Dictionary<string, IReadOnlyList<PersonStat>>();
    [Id(15)] public IReadOnlyList<PersonStat> MostWatchedActors { get; init; } = [];
    [Id(16)] public IReadOnlyDictionary<string, IReadOnlyList<PersonStat>> BestRatedActors { get; init; } = new Dictionary<string, IReadOnlyList<PersonStat>>();
    [Id(17)] public string StatsVersion { get; init; } = "3.2";
    [Id(18)] public required string UpdatedAt { get; init; }
    [Id(19)] public required string Source { get; init; }

    // The flat counters of the backend's current revision (CONTRACT-V6 section 2.2, FlatUserCounters), stored
    // beside the fields above in the same document; total_watched is the same number in both formats.
    [Id(20)] public long SumRatings { get; init; }
    [Id(21)] public long WatchTimeMinutes { get; init; }
    [Id(22)] public IReadOnlyDictionary<string, int> RatingDistribution { get; init; } = new Dictionary<string, int>();
    [Id(23)] public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> MonthlyCounts { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, int>>();
}
