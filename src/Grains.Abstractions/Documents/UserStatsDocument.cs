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
}

[GenerateSerializer, Immutable, Alias("cinematch.RatingBar")]
public sealed record RatingBar([property: Id(0)] string Rating, [property: Id(1)] int Count, [property: Id(2)] int Stars);

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

[GenerateSerializer, Immutable, Alias("cinematch.YearActivity")]
public sealed record YearActivity(
    [property: Id(0)] int Year,
    [property: Id(1)] IReadOnlyList<MonthCount> MonthlyData,
    [property: Id(2)] int TotalFilms);

[GenerateSerializer, Immutable, Alias("cinematch.MonthCount")]
public sealed record MonthCount([property: Id(0)] string Month, [property: Id(1)] int Films);

[GenerateSerializer, Immutable, Alias("cinematch.YearCount")]
public sealed record YearCount([property: Id(0)] int Year, [property: Id(1)] int Count);

[GenerateSerializer, Immutable, Alias("cinematch.GenreSlice")]
public sealed record GenreSlice(
    [property: Id(0)] string Name,
    [property: Id(1)] double Value,
    [property: Id(2)] string Color,
    [property: Id(3)] int Count);

[GenerateSerializer, Immutable, Alias("cinematch.PersonStat")]
public sealed record PersonStat([property: Id(0)] string Name, [property: Id(1)] int Count, [property: Id(2)] double AvgRating);
