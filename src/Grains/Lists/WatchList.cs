using CineMatch.Events;
using CineMatch.Statistics;

namespace CineMatch.Lists;

/// <summary>
/// One user's list as an order-insensitive, idempotent state (CONTRACT section 2): applying the same
/// events in any order within the watermark, or any of them twice, leaves the same list in the same order.
/// </summary>
[GenerateSerializer, Alias("cinematch.WatchList")]
public sealed class WatchList
{
    [NonSerialized]
    private Dictionary<(string Name, int? Year), ListEntry>? _index;

    [Id(0)] public List<ListEntry> Entries { get; set; } = [];

    /// <summary>The latest event time applied, in UTC ticks; the watermark trails it.</summary>
    [Id(1)] public long LatestEventTicks { get; set; }

    /// <summary>None while nothing was applied, or while the lateness reaches back before the calendar's start.</summary>
    public DateTimeOffset? Watermark(TimeSpan allowedLateness) =>
        LatestEventTicks == 0 || allowedLateness.Ticks >= LatestEventTicks
            ? null
            : new DateTimeOffset(LatestEventTicks - allowedLateness.Ticks, TimeSpan.Zero);

    public ApplyOutcome Apply(MovieEvent movieEvent, long sequence, TimeSpan allowedLateness)
    {
        if (movieEvent.Timestamp < Watermark(allowedLateness))
        {
            return ApplyOutcome.Late;
        }

        var stamp = EventStamp.Of(movieEvent.Timestamp, sequence);
        var movie = movieEvent.Movie;
        var entry = EntryFor(movie.Name, movie.Year);
        switch (movieEvent.Type)
        {
            case MovieEventType.Add or MovieEventType.BulkImport or MovieEventType.Recalculate:
                MarkAdded(entry, stamp);

                entry.Rating = Write(entry.Rating, movie.Rating, stamp);
                entry.Date = Write(entry.Date, movie.Date, stamp);
                entry.ImdbId = Write(entry.ImdbId, movie.ImdbId, stamp);
                entry.Genres = Write(entry.Genres, movie.Genres?.ToList(), stamp);
                entry.Duration = Write(entry.Duration, movie.Duration, stamp);
                entry.Director = Write(entry.Director, movie.Director, stamp);
                entry.Actors = Write(entry.Actors, movie.Actors, stamp);
                break;
            case MovieEventType.Delete:
                MarkDeleted(entry, stamp);
                break;
            case MovieEventType.UpdateRating:
                // Creates the entry absent when unknown, so an ADD that arrives later but happened
                // earlier still ends with this newer rating.
                entry.Rating = Write(entry.Rating, movie.NewRating ?? movie.Rating, stamp);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(movieEvent), movieEvent.Type, "unknown event type");
        }

        LatestEventTicks = Math.Max(LatestEventTicks, movieEvent.Timestamp.UtcTicks);
        return ApplyOutcome.Applied;
    }

    /// <summary>
    /// Makes the list what the source of truth (the backend's <c>movies</c>, as RECALCULATE events stamped with each
    /// film's <c>added_at</c>, in list order) says it is as of <paramref name="asOf"/>: a present entry the truth
    /// lacks is deleted then, a film it holds is present with the truth's values (null included) written then, and
    /// keeps, or takes, its place by <c>added_at</c>. An event stamped after <paramref name="asOf"/> still wins, an
    /// older one loses, as if it had been applied before the truth was read. The watermark does not move: asOf is
    /// processing time, not event time.
    /// </summary>
    public void Adopt(IReadOnlyList<MovieEvent> truth, long firstSequence, EventStamp asOf)
    {
        var held = new HashSet<(string Name, int? Year)>();
        for (var i = 0; i < truth.Count; i++)
        {
            var movie = truth[i].Movie;
            held.Add((movie.Name, movie.Year));
            var entry = EntryFor(movie.Name, movie.Year);
            var added = EventStamp.Of(truth[i].Timestamp, firstSequence + i);
            // A film the list had deleted after it was added is present again from now, at the end of the list.
            var presence = entry.LatestDelete is { } deleted && added <= deleted ? asOf : added;
            MarkAdded(entry, presence);

            entry.Rating = Overwrite(entry.Rating, movie.Rating, asOf);
            entry.Date = Overwrite(entry.Date, movie.Date, asOf);
            entry.ImdbId = Overwrite(entry.ImdbId, movie.ImdbId, asOf);
            entry.Genres = Overwrite(entry.Genres, movie.Genres?.ToList(), asOf);
            entry.Duration = Overwrite(entry.Duration, movie.Duration, asOf);
            entry.Director = Overwrite(entry.Director, movie.Director, asOf);
            entry.Actors = Overwrite(entry.Actors, movie.Actors, asOf);
        }

        DeleteAllBut(held, asOf);
    }

    /// <summary>
    /// Deletes, as of <paramref name="stamp"/>, every present entry whose (name, year) is not in <paramref name="held"/>:
    /// a film added by an event stamped after it stays. Returns how many entries left the list.
    /// </summary>
    public int DeleteAllBut(IReadOnlySet<(string Name, int? Year)> held, EventStamp stamp)
    {
        var deleted = 0;
        foreach (var entry in Entries.Where(entry => entry.IsPresent && !held.Contains((entry.Name, entry.Year))))
        {
            MarkDeleted(entry, stamp);
            deleted += entry.IsPresent ? 0 : 1;
        }

        return deleted;
    }

    /// <summary>
    /// Deletes the entry (name, year) as of <paramref name="stamp"/>, creating it absent when unknown: it starts afresh
    /// with whatever is stamped later (an event stamped later still wins, its place is then its first add after it).
    /// </summary>
    public void DeleteAt(string name, int? year, EventStamp stamp) => MarkDeleted(EntryFor(name, year), stamp);

    /// <summary>The present entries in list order: by the stamp of their first add since their latest delete.</summary>
    public IEnumerable<WatchedFilm> PresentFilms() =>
        Entries.Where(entry => entry.IsPresent).OrderBy(entry => entry.Place).Select(entry => entry.ToWatchedFilm());

    /// <summary>
    /// Drops tombstones (entries whose latest presence event is a DELETE) that hold nothing written after
    /// that DELETE and whose every stamp is older than the watermark: any event that could still touch them
    /// would be late, and a later one starts the entry afresh anyway. An absent entry holding a rating that
    /// no DELETE cancelled (an UPDATE_RATING ahead of its ADD, or after the DELETE) is kept, because a later
    /// ADD without a rating must still find that rating (CONTRACT section 2); purging it would make the
    /// outcome depend on where a batch ended.
    /// </summary>
    public int PurgeTombstones(TimeSpan allowedLateness)
    {
        if (Watermark(allowedLateness) is not { } watermark)
        {
            return 0;
        }

        var horizon = watermark.UtcTicks;
        var purged = Entries.RemoveAll(entry => entry.IsBareTombstone && entry.LatestStamp.UtcTicks < horizon);
        if (purged > 0)
        {
            _index = null;
        }

        return purged;
    }

    private ListEntry EntryFor(string name, int? year)
    {
        _index ??= Entries.ToDictionary(entry => (entry.Name, entry.Year));
        if (!_index.TryGetValue((name, year), out var entry))
        {
            entry = new ListEntry { Name = name, Year = year };
            Entries.Add(entry);
            _index.Add((name, year), entry);
        }

        return entry;
    }

    private static void MarkAdded(ListEntry entry, EventStamp stamp)
    {
        ApplyPresence(entry, stamp, isDelete: false);
        if ((entry.LatestDelete is null || stamp > entry.LatestDelete.Value) && !entry.AddsSinceDelete.Contains(stamp))
        {
            entry.AddsSinceDelete.Add(stamp);
        }
    }

    private static void MarkDeleted(ListEntry entry, EventStamp stamp)
    {
        ApplyPresence(entry, stamp, isDelete: true);
        if (entry.LatestDelete is null || stamp > entry.LatestDelete.Value)
        {
            entry.LatestDelete = stamp;
            entry.AddsSinceDelete.RemoveAll(add => add <= stamp);
        }
    }

    private static void ApplyPresence(ListEntry entry, EventStamp stamp, bool isDelete)
    {
        if (entry.LatestPresence is null || stamp > entry.LatestPresence.Value)
        {
            entry.LatestPresence = stamp;
            entry.LatestPresenceIsDelete = isDelete;
        }
    }

    /// <summary>The truth's value, null included, unless something newer than the truth was written.</summary>
    private static Register<T> Overwrite<T>(Register<T>? register, T? value, EventStamp stamp) =>
        register is not null && register.Stamp > stamp ? register : new Register<T> { Value = value, Stamp = stamp };

    private static Register<T>? Write<T>(Register<T>? register, T? value, EventStamp stamp)
    {
        if (value is null)
        {
            return register;
        }

        if (register is null || stamp > register.Stamp)
        {
            return new Register<T> { Value = value, Stamp = stamp };
        }

        return register;
    }
}
