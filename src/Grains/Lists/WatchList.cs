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
                ApplyPresence(entry, stamp, isDelete: false);
                if (entry.LatestDelete is null || stamp > entry.LatestDelete.Value)
                {
                    if (!entry.AddsSinceDelete.Contains(stamp))
                    {
                        entry.AddsSinceDelete.Add(stamp);
                    }
                }

                entry.Rating = Write(entry.Rating, movie.Rating, stamp);
                entry.Date = Write(entry.Date, movie.Date, stamp);
                entry.ImdbId = Write(entry.ImdbId, movie.ImdbId, stamp);
                entry.Genres = Write(entry.Genres, movie.Genres?.ToList(), stamp);
                entry.Duration = Write(entry.Duration, movie.Duration, stamp);
                entry.Director = Write(entry.Director, movie.Director, stamp);
                entry.Actors = Write(entry.Actors, movie.Actors, stamp);
                break;
            case MovieEventType.Delete:
                ApplyPresence(entry, stamp, isDelete: true);
                if (entry.LatestDelete is null || stamp > entry.LatestDelete.Value)
                {
                    entry.LatestDelete = stamp;
                    entry.AddsSinceDelete.RemoveAll(add => add <= stamp);
                }

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

    private static void ApplyPresence(ListEntry entry, EventStamp stamp, bool isDelete)
    {
        if (entry.LatestPresence is null || stamp > entry.LatestPresence.Value)
        {
            entry.LatestPresence = stamp;
            entry.LatestPresenceIsDelete = isDelete;
        }
    }

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
