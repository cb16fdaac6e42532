using System.Globalization;
using CineMatch.Documents;
using CineMatch.Hosting.InMemory;
using CineMatch.Statistics;

namespace CineMatch.Tests.Property;

/// <summary>
/// The written <c>movie_counts</c> and <c>global_stats</c> at one moment. Cases share one cluster (distinct users,
/// shared films), so a case is judged by what its users added: the difference of two snapshots.
/// </summary>
public sealed class TrendsSnapshot
{
    private readonly Dictionary<string, MovieCountDocument> _counts;
    private readonly GlobalStatsDocument? _global;

    private TrendsSnapshot(Dictionary<string, MovieCountDocument> counts, GlobalStatsDocument? global)
    {
        _counts = counts;
        _global = global;
    }

    public static TrendsSnapshot Empty { get; } = new([], null);

    public static TrendsSnapshot Of(InMemoryStatisticsStore store) =>
        new(store.MovieCounts.Values.ToDictionary(doc => doc.Id, StringComparer.Ordinal), store.GlobalStats);

    /// <summary>What happened between <paramref name="before"/> and this snapshot, in the words of <see cref="Expected"/>.</summary>
    public string Since(TrendsSnapshot before)
    {
        var films = _counts.Keys.Union(before._counts.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(key => (Key: key, Now: _counts.GetValueOrDefault(key), Delta: Count(_counts, key) - Count(before._counts, key)))
            .Where(film => film.Delta != 0)
            .Select(film => FilmLine(film.Key, film.Delta, film.Now?.Title, film.Now?.Year));
        var genres = Genres(_global).Keys.Union(Genres(before._global).Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(genre => (Genre: genre, Delta: Genres(_global).GetValueOrDefault(genre) - Genres(before._global).GetValueOrDefault(genre)))
            .Where(genre => genre.Delta != 0)
            .Select(genre => GenreLine(genre.Genre, genre.Delta));
        return Text(films, genres, (_global?.TotalUsers ?? 0) - (before._global?.TotalUsers ?? 0), (_global?.TotalEntries ?? 0) - (before._global?.TotalEntries ?? 0));
    }

    /// <summary>What the contract says the users' present films add to the trends (CONTRACT section 5).</summary>
    public static string Expected(IReadOnlyCollection<IReadOnlyList<EnrichedFilm>> presentFilmsPerUser)
    {
        var films = presentFilmsPerUser
            .SelectMany(user => user.GroupBy(film => film.FilmKey).Select(key => key.First()))
            .GroupBy(film => film.FilmKey, StringComparer.Ordinal)
            .OrderBy(key => key.Key, StringComparer.Ordinal)
            .Select(key => FilmLine(key.Key, key.Count(), key.First().Label.Title, key.First().Label.Year));
        var genres = presentFilmsPerUser.SelectMany(user => user).SelectMany(film => film.Genres.Distinct(StringComparer.Ordinal))
            .GroupBy(genre => genre, StringComparer.Ordinal)
            .OrderBy(genre => genre.Key, StringComparer.Ordinal)
            .Select(genre => GenreLine(genre.Key, genre.Count()));
        return Text(films, genres, presentFilmsPerUser.Count(user => user.Count > 0), presentFilmsPerUser.Sum(user => user.Count));
    }

    private static long Count(Dictionary<string, MovieCountDocument> counts, string key) => counts.TryGetValue(key, out var doc) ? doc.Count : 0;

    private static IReadOnlyDictionary<string, long> Genres(GlobalStatsDocument? global) => global?.GenreCounts ?? new Dictionary<string, long>();

    private static string FilmLine(string key, long delta, string? title, int? year) =>
        string.Create(CultureInfo.InvariantCulture, $"film {key}: {delta:+0;-0} ({title} {year})");

    private static string GenreLine(string genre, long delta) => string.Create(CultureInfo.InvariantCulture, $"genre {genre}: {delta:+0;-0}");

    private static string Text(IEnumerable<string> films, IEnumerable<string> genres, long users, long entries) =>
        string.Join("\n", films.Concat(genres).Append(string.Create(CultureInfo.InvariantCulture, $"users {users:+0;-0}, entries {entries:+0;-0}")));
}
