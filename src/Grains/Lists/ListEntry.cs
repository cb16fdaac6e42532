using CineMatch.Statistics;

namespace CineMatch.Lists;

/// <summary>
/// One film of a user's list, identified by (name, year), as a set of last-writer-wins registers
/// (CONTRACT section 2). Every field is settable so that grain storage can keep it as a readable document.
/// </summary>
[GenerateSerializer, Alias("cinematch.ListEntry")]
public sealed class ListEntry
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public int? Year { get; set; }
    /// <summary>The latest stamp among ADD, BULK_IMPORT, RECALCULATE and DELETE.</summary>
    [Id(2)] public EventStamp? LatestPresence { get; set; }
    [Id(3)] public bool LatestPresenceIsDelete { get; set; }
    [Id(4)] public EventStamp? LatestDelete { get; set; }
    /// <summary>Stamps of the adds after <see cref="LatestDelete"/>: the earliest is the entry's place.</summary>
    [Id(5)] public List<EventStamp> AddsSinceDelete { get; set; } = [];
    [Id(6)] public Register<int?>? Rating { get; set; }
    [Id(7)] public Register<string>? Date { get; set; }
    [Id(8)] public Register<string>? ImdbId { get; set; }
    [Id(9)] public Register<List<string>>? Genres { get; set; }
    [Id(10)] public Register<int?>? Duration { get; set; }
    [Id(11)] public Register<string>? Director { get; set; }
    [Id(12)] public Register<string>? Actors { get; set; }

    public bool IsPresent => LatestPresence is not null && !LatestPresenceIsDelete;

    /// <summary>Absent because of a DELETE, not because only an UPDATE_RATING has been seen so far.</summary>
    public bool IsTombstone => LatestPresence is not null && LatestPresenceIsDelete;

    /// <summary>
    /// A tombstone that holds nothing written after its DELETE. An UPDATE_RATING stamped after the DELETE leaves a
    /// rating that a later ADD without a rating must find, exactly as when it came before the first ADD.
    /// </summary>
    public bool IsBareTombstone => IsTombstone && LatestDelete is { } deleted && !RegisterStamps().Any(stamp => stamp > deleted);

    /// <summary>Where the entry stands in list order; only meaningful while present.</summary>
    public EventStamp Place => AddsSinceDelete.Count == 0 ? default : AddsSinceDelete.Min();

    /// <summary>The newest stamp anything in this entry carries.</summary>
    public EventStamp LatestStamp
    {
        get
        {
            EventStamp latest = default;
            foreach (var stamp in Stamps())
            {
                if (stamp > latest)
                {
                    latest = stamp;
                }
            }

            return latest;
        }
    }

    public WatchedFilm ToWatchedFilm() => new()
    {
        Name = Name,
        Year = Year,
        Rating = Current(Rating),
        Date = Current(Date),
        ImdbId = Current(ImdbId),
        Genres = Current(Genres),
        Duration = Current(Duration),
        Director = Current(Director),
        Actors = Current(Actors),
    };

    // Only writes stamped after the latest DELETE count: a film deleted and added again starts afresh.
    private T? Current<T>(Register<T>? register) =>
        register is not null && (LatestDelete is null || register.Stamp > LatestDelete.Value) ? register.Value : default;

    private IEnumerable<EventStamp> Stamps()
    {
        if (LatestPresence is { } presence)
        {
            yield return presence;
        }

        foreach (var stamp in AddsSinceDelete)
        {
            yield return stamp;
        }

        foreach (var stamp in RegisterStamps())
        {
            yield return stamp;
        }
    }

    private IEnumerable<EventStamp> RegisterStamps()
    {
        foreach (var stamp in new[] { Rating?.Stamp, Date?.Stamp, ImdbId?.Stamp, Genres?.Stamp, Duration?.Stamp, Director?.Stamp, Actors?.Stamp })
        {
            if (stamp is { } value)
            {
                yield return value;
            }
        }
    }
}
