using CineMatch.Events;
using Orleans.Runtime;
using Orleans.Streams;

namespace CineMatch.Streaming.Kafka.Receiving;

/// <summary>
/// Consecutive events of one user taken from one poll of one partition: a single delivery to the user's
/// grain, which then recomputes once. The container's token is that of its first (lowest) offset.
/// </summary>
[GenerateSerializer, Immutable, Alias("cinematch.kafka.KafkaBatchContainer")]
public sealed class KafkaBatchContainer : IBatchContainer
{
    public KafkaBatchContainer(StreamId streamId, IReadOnlyList<MovieEvent> events, IReadOnlyList<string> rawValues)
    {
        if (events.Count == 0 || events.Any(e => e.Position is null))
        {
            throw new ArgumentException("A container holds at least one event, each with its log position.", nameof(events));
        }

        StreamId = streamId;
        Events = events;
        _rawValues = rawValues;
        SequenceToken = new KafkaOffsetToken(events[0].Position!.Offset, 0);
    }

    [NonSerialized]
    private readonly IReadOnlyList<string>? _rawValues;

    [Id(0)]
    public StreamId StreamId { get; }

    /// <summary>The events in offset order, each with <see cref="MovieEvent.Position"/> set.</summary>
    [Id(1)]
    public IReadOnlyList<MovieEvent> Events { get; }

    [Id(2)]
    public StreamSequenceToken SequenceToken { get; }

    /// <summary>
    /// The record values as received, kept only in the silo that read them (not serialized): what goes to the
    /// dead-letter store if the batch has to be set aside.
    /// </summary>
    public IReadOnlyList<string> RawValues => _rawValues ?? [];

    public int Partition => Events[0].Position!.Partition;

    public long FirstOffset => Events[0].Position!.Offset;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Events
            .Select((movieEvent, index) => (movieEvent, index))
            .Where(item => item.movieEvent is T)
            .Select(item => Tuple.Create((T)(object)item.movieEvent,
                (StreamSequenceToken)new KafkaOffsetToken(item.movieEvent.Position!.Offset, item.index)));

    public bool ImportRequestContext() => false;

    public override string ToString() => $"{StreamId} {SequenceToken} x{Events.Count}";
}
