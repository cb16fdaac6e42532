using CineMatch.Counting;
using CineMatch.Statistics;

namespace CineMatch.Counting;

/// <summary>
/// One user's side of the exact global counts (EXACTNESS I3): what the counters have been told, and an
/// outbox of numbered changes not yet acknowledged. It is persisted with the user's list, so a change
/// leaves the user grain only after it is durable, and a crash leads to a retry, never to a loss.
/// </summary>
[GenerateSerializer, Alias("cinematch.MembershipLedger")]
public sealed class MembershipLedger
{
    [Id(0)] public List<Contribution> Contributions { get; set; } = [];
    [Id(1)] public List<MembershipChange> Outbox { get; set; } = [];
    [Id(2)] public long NextSequence { get; set; } = 1;

    /// <summary>
    /// Compares what the user holds now with what the counters were told, and queues a change for every
    /// counter whose figures differ. Only real transitions produce changes: a replay or a resend adds none.
    /// </summary>
    public IReadOnlyList<MembershipChange> Reconcile(string userId, IReadOnlyList<EnrichedFilm> presentFilms)
    {
        var now = Holdings(userId, presentFilms);
        var before = Contributions.ToDictionary(contribution => contribution.CounterKey, StringComparer.Ordinal);
        var changes = new List<MembershipChange>();
        foreach (var key in before.Keys.Union(now.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            before.TryGetValue(key, out var old);
            now.TryGetValue(key, out var current);
            var userDelta = (current is null ? 0 : 1) - (old is null ? 0 : 1);
            var entryDelta = (current?.Entries ?? 0) - (old?.Entries ?? 0);
            var genreDeltas = GenreDeltas(old?.Genres, current?.Genres);
            // A new label alone is a change too: otherwise the title the counter shows would depend on whether
            // the entries that changed it arrived in one batch (no count moved) or in several.
            if (userDelta == 0 && entryDelta == 0 && genreDeltas.Count == 0 && Equals(old?.Label, current?.Label))
            {
                continue;
            }

            changes.Add(new MembershipChange
            {
                UserId = userId,
                Sequence = NextSequence++,
                CounterKey = key,
                UserDelta = userDelta,
                EntryDelta = entryDelta,
                GenreDeltas = genreDeltas,
                Label = current?.Label,
            });
        }

        Contributions = [.. now.Values.OrderBy(contribution => contribution.CounterKey, StringComparer.Ordinal)];
        Outbox.AddRange(changes);
        return changes;
    }

    /// <summary>Removes acknowledged changes from the outbox.</summary>
    public void Acknowledge(IEnumerable<MembershipChange> delivered)
    {
        var done = delivered.Select(change => change.Sequence).ToHashSet();
        Outbox.RemoveAll(change => done.Contains(change.Sequence));
    }

    private static Dictionary<string, Contribution> Holdings(string userId, IReadOnlyList<EnrichedFilm> presentFilms)
    {
        var holdings = new Dictionary<string, Contribution>(StringComparer.Ordinal);
        foreach (var film in presentFilms)
        {
            if (!holdings.TryGetValue(film.FilmKey, out var contribution))
            {
                contribution = new Contribution { CounterKey = film.FilmKey, Label = film.Label };
                holdings.Add(film.FilmKey, contribution);
            }

            contribution.Entries++;
            // A genre named twice for one film counts once, as in user_stats (CONTRACT section 5).
            foreach (var genre in film.Genres.Distinct(StringComparer.Ordinal))
            {
                contribution.Genres[genre] = contribution.Genres.GetValueOrDefault(genre) + 1;
            }
        }

        if (presentFilms.Count > 0)
        {
            var shard = CounterKeys.UserPopulationShard(userId);
            holdings.Add(shard, new Contribution { CounterKey = shard });
        }

        return holdings;
    }

    private static Dictionary<string, int> GenreDeltas(Dictionary<string, int>? before, Dictionary<string, int>? now)
    {
        var deltas = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var genre in (before?.Keys ?? Enumerable.Empty<string>()).Union(now?.Keys ?? Enumerable.Empty<string>(), StringComparer.Ordinal))
        {
            var delta = (now?.GetValueOrDefault(genre) ?? 0) - (before?.GetValueOrDefault(genre) ?? 0);
            if (delta != 0)
            {
                deltas.Add(genre, delta);
            }
        }

        return deltas;
    }
}
