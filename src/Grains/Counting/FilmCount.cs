namespace CineMatch.Counting;

/// <summary>
/// A counter's durable figures and the memory of recent changes that makes applying them idempotent.
/// A user sends its changes for one counter in sequence order and one call at a time, so the last
/// applied sequence per user is enough to recognise any retry.
/// </summary>
[GenerateSerializer, Alias("cinematch.FilmCount")]
public sealed class FilmCount
{
    [NonSerialized]
    private Dictionary<string, AppliedChange>? _byUser;

    [Id(0)] public long Users { get; set; }
    [Id(1)] public long Entries { get; set; }
    [Id(2)] public Dictionary<string, long> Genres { get; set; } = [];
    [Id(3)] public FilmLabel? Label { get; set; }
    /// <summary>Grows with every applied change; the trends grain keeps the highest it has seen.</summary>
    [Id(4)] public long Version { get; set; }
    [Id(5)] public List<AppliedChange> RecentChanges { get; set; } = [];

    /// <summary>Applies the change unless it was applied already; returns whether it was new.</summary>
    public bool Apply(MembershipChange change, DateTime nowUtc)
    {
        _byUser ??= RecentChanges.ToDictionary(applied => applied.UserId, StringComparer.Ordinal);
        if (_byUser.TryGetValue(change.UserId, out var last) && change.Sequence <= last.Sequence)
        {
            return false;
        }

        Users += change.UserDelta;
        Entries += change.EntryDelta;
        foreach (var (genre, delta) in change.GenreDeltas)
        {
            var count = Genres.GetValueOrDefault(genre) + delta;
            if (count == 0)
            {
                Genres.Remove(genre);
            }
            else
            {
                Genres[genre] = count;
            }
        }

        Label = change.Label ?? Label;
        Version++;
        if (last is null)
        {
            last = new AppliedChange { UserId = change.UserId };
            RecentChanges.Add(last);
            _byUser.Add(change.UserId, last);
        }

        last.Sequence = change.Sequence;
        last.AppliedAtUtc = nowUtc;
        return true;
    }

    /// <summary>
    /// Forgets changes older than the window. Retries come soon after a restart (offsets trail
    /// durability), so the window only has to outlast the longest outage a retry can follow.
    /// </summary>
    public void ForgetChangesBefore(DateTime horizonUtc)
    {
        if (RecentChanges.RemoveAll(applied => applied.AppliedAtUtc < horizonUtc) > 0)
        {
            _byUser = null;
        }
    }

    public CounterTally ToTally(string counterKey) => new()
    {
        CounterKey = counterKey,
        Version = Version,
        Users = Users,
        Entries = Entries,
        Genres = new Dictionary<string, long>(Genres),
        Label = Label,
    };
}
