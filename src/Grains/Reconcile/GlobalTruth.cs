using CineMatch.Counting;
using CineMatch.Documents;
using CineMatch.Statistics;

namespace CineMatch.Reconcile;

/// <summary>
/// The global counts summed over users' <see cref="UserTruth"/>, one user at a time: what every counter grain would
/// hold. Memory is one entry per distinct film (key, label, genre tallies), whatever the number of users.
/// The documents come from <see cref="TrendsCalculator"/>, as the trends grain writes them.
/// </summary>
public sealed class GlobalTruth
{
    private readonly Dictionary<string, FilmTotal> _films = new(StringComparer.Ordinal);
    private long _users;

    public int FilmCount => _films.Count;

    public void Add(UserTruth user)
    {
        ArgumentNullException.ThrowIfNull(user);
        foreach (var contribution in user.Contributions)
        {
            if (CounterKeys.IsUserPopulation(contribution.CounterKey))
            {
                _users++;
                continue;
            }

            if (!_films.TryGetValue(contribution.CounterKey, out var film))
            {
                _films.Add(contribution.CounterKey, film = new FilmTotal());
            }

            film.Users++;
            film.Entries += contribution.Entries;
            foreach (var (genre, count) in contribution.Genres)
            {
                film.Genres[genre] = film.Genres.GetValueOrDefault(genre) + count;
            }

            film.Label = SmallerLabel(film.Label, contribution.Label);
        }
    }

    /// <summary>The counters' figures: one tally per film held by someone, and one for the user population.</summary>
    public IEnumerable<CounterTally> Tallies()
    {
        foreach (var (key, film) in _films)
        {
            yield return new CounterTally { CounterKey = key, Version = 1, Users = film.Users, Entries = film.Entries, Genres = film.Genres, Label = film.Label };
        }

        yield return new CounterTally { CounterKey = CounterKeys.UserPopulationPrefix + "all", Version = 1, Users = _users };
    }

    public GlobalStatsDocument GlobalStats(DateTimeOffset now, string source) => TrendsCalculator.Build(Tallies(), now, source);

    /// <summary>The <c>movie_counts</c> document of a film, or null when no user holds it.</summary>
    public MovieCountDocument? MovieCount(string filmKey, DateTimeOffset now) =>
        _films.TryGetValue(filmKey, out var film)
            ? TrendsCalculator.ToMovieCount(new CounterTally { CounterKey = filmKey, Users = film.Users, Label = film.Label }, now)
            : null;

    public IEnumerable<string> FilmKeys => _films.Keys;

    /// <summary>
    /// Users whose entries share a film key but disagree on its label (only films no catalog film matched, spelled
    /// differently) make the counter show the label of whichever change came last. Reconcile takes the smallest,
    /// as the Spark job does, so that its result does not depend on the order of users.
    /// </summary>
    private static FilmLabel? SmallerLabel(FilmLabel? a, FilmLabel? b)
    {
        if (a is null || b is null)
        {
            return a ?? b;
        }

        var byTitle = string.CompareOrdinal(a.Title, b.Title);
        var byYear = (a.Year ?? -1).CompareTo(b.Year ?? -1);
        var byPoster = string.CompareOrdinal(a.PosterUrl ?? "", b.PosterUrl ?? "");
        var order = byTitle != 0 ? byTitle : byYear != 0 ? byYear : byPoster;
        return order <= 0 ? a : b;
    }

    private sealed class FilmTotal
    {
        public long Users { get; set; }
        public long Entries { get; set; }
        public Dictionary<string, long> Genres { get; } = new(StringComparer.Ordinal);
        public FilmLabel? Label { get; set; }
    }
}
