using CineMatch.Counting;
using CineMatch.Documents;
using CineMatch.Wire;

namespace CineMatch.Statistics;

/// <summary>The <c>global_trends</c> document and the <c>movie_counts</c> documents (CONTRACT section 5) from the counters' tallies.</summary>
public static class TrendsCalculator
{
    public const int TopMoviesLimit = 10;
    public const int TrendingGenresLimit = 10;

    /// <summary>
    /// The global_trends document from every counter's latest tally (film and user-population counters).
    /// Should a counter appear more than once, its tally with the highest version is used.
    /// </summary>
    public static GlobalStatsDocument Build(IEnumerable<CounterTally> tallies, DateTimeOffset now, string source)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        var latest = tallies
            .GroupBy(tally => tally.CounterKey, StringComparer.Ordinal)
            .Select(counter => counter.MaxBy(tally => tally.Version)!)
            .ToList();
        var films = latest.Where(tally => !CounterKeys.IsUserPopulation(tally.CounterKey)).ToList();
        var genres = RankedGenres(films);
        return new GlobalStatsDocument
        {
            TopMovies = films
                .Where(film => film.Users > 0)
                .OrderByDescending(film => film.Users)
                .ThenBy(TitleOf, StringComparer.Ordinal)
                .ThenBy(film => film.CounterKey, StringComparer.Ordinal)
                .Take(TopMoviesLimit)
                .Select(film => new TopMovie(TitleOf(film), film.Label?.PosterUrl, film.Users))
                .ToList(),
            TrendingGenres = TrendingGenres(genres),
            GenreCounts = genres.ToDictionary(genre => genre.Name, genre => genre.Count, StringComparer.Ordinal),
            TotalUsers = latest.Where(tally => CounterKeys.IsUserPopulation(tally.CounterKey)).Sum(tally => tally.Users),
            TotalEntries = films.Sum(film => film.Entries),
            UpdatedAt = DocumentJson.Format(now),
            Source = source,
        };
    }

    public static MovieCountDocument ToMovieCount(CounterTally filmTally, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(filmTally);
        return new MovieCountDocument
        {
            Id = filmTally.CounterKey,
            Title = TitleOf(filmTally),
            Year = filmTally.Label?.Year,
            Count = filmTally.Users,
            UpdatedAt = DocumentJson.Format(now),
        };
    }

    // A counter that never received a label is still shown, under its key.
    private static string TitleOf(CounterTally film) => film.Label?.Title ?? film.CounterKey;

    /// <summary>Genre tallies summed over films, only those above zero, largest first then by name.</summary>
    private static IReadOnlyList<(string Name, long Count)> RankedGenres(IEnumerable<CounterTally> films) =>
        films
            .SelectMany(film => film.Genres)
            .GroupBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(genre => (Name: genre.Key, Count: genre.Sum(pair => pair.Value)))
            .Where(genre => genre.Count > 0)
            .OrderByDescending(genre => genre.Count)
            .ThenBy(genre => genre.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>The first ten genres; percentage is of the sum of all genre counts, as count / total * 100.</summary>
    private static IReadOnlyList<GenreTrend> TrendingGenres(IReadOnlyList<(string Name, long Count)> genres)
    {
        var total = genres.Sum(genre => genre.Count);
        return genres
            .Take(TrendingGenresLimit)
            .Select(genre => new GenreTrend(genre.Name, genre.Count, PythonRounding.Round((double)genre.Count / total * 100, 1)))
            .ToList();
    }
}
