using System.Globalization;
using CineMatch.Documents;
using CineMatch.Wire;

namespace CineMatch.Statistics;

/// <summary>
/// The <c>user_stats</c> document (CONTRACT section 4), computed from the user's whole list. Every ordering is a
/// stable sort (LINQ's OrderBy), so ties keep list order, as the old job's Python sorts did.
/// </summary>
public static class UserStatsCalculator
{
    public const string StatsVersion = "3.2";
    public const string NoFavoriteGenre = "Nessuno";
    public const int TopRatedLimit = 10;
    public const int RecentLimit = 10;
    public const int TopYearsLimit = 5;
    public const int GenreLimit = 8;
    public const int TopRatedMinimum = 4;

    private static TimeZoneInfo DefaultZone => TimeZoneInfo.FindSystemTimeZoneById(StatisticsOptions.DefaultTimeZone);

    /// <summary>
    /// The user's document over the present entries in list order, with the V6 flat counters; null when there are
    /// none. <c>updated_at</c> is <paramref name="now"/> in the backend's format and zone (default Europe/Rome).
    /// </summary>
    public static UserStatsDocument? Compute(string userId, IReadOnlyList<EnrichedFilm> filmsInListOrder, DateTimeOffset now, string source, TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(filmsInListOrder);
        if (filmsInListOrder.Count == 0)
        {
            return null;
        }

        var films = filmsInListOrder;
        var genres = GenreShares(films);
        var directors = PeopleRanking.Of(films, film => film.Director);
        var actors = PeopleRanking.Of(films, film => film.Actors);
        var activity = WatchActivity.Of(films);
        var flat = FlatCountersCalculator.Compute(films);
        return new UserStatsDocument
        {
            UserId = userId,
            TotalWatched = films.Count,
            AvgRating = AverageRating(films),
            RatingChartData = RatingChart(films),
            TopRatedMovies = films
                .Where(film => (film.Rating ?? 0) >= TopRatedMinimum)
                .OrderByDescending(film => film.Rating ?? 0)
                .Take(TopRatedLimit)
                .Select(ToMovieItem)
                .ToList(),
            RecentMovies = films
                .OrderByDescending(film => WatchActivity.SortKey(film.Date))
                .Take(RecentLimit)
                .Select(ToMovieItem)
                .ToList(),
            YearData = activity,
            AvailableYears = activity.Select(year => year.Year).ToList(),
            TopYears = TopReleaseYears(films),
            GenreData = genres,
            FavoriteGenre = genres.Count > 0 ? genres[0].Name : NoFavoriteGenre,
            WatchTimeHours = WatchTimeHours(films),
            AvgDuration = AverageDuration(films),
            MostWatchedDirectors = directors.MostWatched(),
            BestRatedDirectors = directors.BestRated(),
            MostWatchedActors = actors.MostWatched(),
            BestRatedActors = actors.BestRated(),
            StatsVersion = StatsVersion,
            UpdatedAt = DocumentJson.FormatBackendTime(now, zone ?? DefaultZone),
            Source = source,
            SumRatings = flat.SumRatings,
            WatchTimeMinutes = flat.WatchTimeMinutes,
            RatingDistribution = flat.RatingDistribution,
            MonthlyCounts = flat.MonthlyCounts,
        };
    }

    public static MovieItem ToMovieItem(EnrichedFilm film) => new()
    {
        Name = film.Name,
        Year = film.Year,
        Rating = film.Rating,
        Date = film.Date,
        ImdbId = film.ImdbId,
        Genres = film.Genres,
        Director = film.Director,
        Actors = film.Actors,
        Duration = film.Duration,
        PosterUrl = film.PosterUrl,
        AvgVote = film.AvgVote,
    };

    private static double AverageRating(IReadOnlyList<EnrichedFilm> films)
    {
        var ratings = films.Where(film => film.Rating is not null).Select(film => (long)film.Rating!.Value).ToList();
        return ratings.Count == 0 ? 0 : PythonRounding.Round((double)ratings.Sum() / ratings.Count, 2);
    }

    private static IReadOnlyList<RatingBar> RatingChart(IReadOnlyList<EnrichedFilm> films) =>
        Enumerable.Range(1, 5)
            .Select(stars => new RatingBar("⭐" + stars.ToString(CultureInfo.InvariantCulture), films.Count(film => film.Rating == stars), stars))
            .ToList();

    /// <summary>The most frequent release years as sent (not enriched); ties keep the order of first appearance.</summary>
    private static IReadOnlyList<YearCount> TopReleaseYears(IReadOnlyList<EnrichedFilm> films) =>
        films
            .Where(film => film.SentYear is not null)
            .GroupBy(film => film.SentYear!.Value)
            .Select(group => new YearCount(group.Key, group.Count()))
            .OrderByDescending(year => year.Count)
            .Take(TopYearsLimit)
            .ToList();

    /// <summary>
    /// Genre shares over all entries; each entry counts once per distinct genre. value is the share of the sum of
    /// all genre counts (not only of the eight shown), computed as the old job did: count / total * 100.
    /// </summary>
    private static IReadOnlyList<GenreSlice> GenreShares(IReadOnlyList<EnrichedFilm> films)
    {
        var counts = films
            .SelectMany(film => film.Genres.Distinct(StringComparer.Ordinal))
            .GroupBy(genre => genre, StringComparer.Ordinal)
            .Select(group => (Name: group.Key, Count: group.Count()))
            .ToList();
        var total = counts.Sum(genre => genre.Count);
        return counts
            .OrderByDescending(genre => genre.Count)
            .Take(GenreLimit)
            .Select(genre => new GenreSlice(
                genre.Name,
                PythonRounding.Round((double)genre.Count / total * 100, 1),
                GenrePalette.ColorOf(genre.Name),
                genre.Count))
            .ToList();
    }

    private static long WatchTimeHours(IReadOnlyList<EnrichedFilm> films)
    {
        var minutes = films.Sum(film => (long)(film.Duration ?? 0));
        return (long)Math.Floor(minutes / 60.0);
    }

    /// <summary>
    /// Mean over the entries that have a duration, rounded half to even to whole minutes. A duration of 0
    /// is no duration: the old job's <c>if dur:</c> skipped it, and the contract keeps that.
    /// </summary>
    private static long AverageDuration(IReadOnlyList<EnrichedFilm> films)
    {
        var durations = films.Where(film => film.Duration is not null and not 0).Select(film => (long)film.Duration!.Value).ToList();
        return durations.Count == 0 ? 0 : (long)PythonRounding.Round((double)durations.Sum() / durations.Count, 0);
    }
}
