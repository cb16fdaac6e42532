namespace CineMatch.Lists;

/// <summary>
/// The order of events for one user: event time first, then the position in the log, so that equal
/// times are broken by arrival and a redelivered record keeps its stamp (CONTRACT section 2).
/// </summary>
[GenerateSerializer, Immutable, Alias("cinematch.EventStamp")]
public readonly record struct EventStamp([property: Id(0)] long UtcTicks, [property: Id(1)] long Sequence) : IComparable<EventStamp>
{
    public static EventStamp Of(DateTimeOffset timestamp, long sequence) => new(timestamp.UtcTicks, sequence);

    public int CompareTo(EventStamp other)
    {
        var byTime = UtcTicks.CompareTo(other.UtcTicks);
        return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
    }

    public static bool operator <(EventStamp left, EventStamp right) => left.CompareTo(right) < 0;

    public static bool operator >(EventStamp left, EventStamp right) => left.CompareTo(right) > 0;

    public static bool operator <=(EventStamp left, EventStamp right) => left.CompareTo(right) <= 0;

    public static bool operator >=(EventStamp left, EventStamp right) => left.CompareTo(right) >= 0;
}
