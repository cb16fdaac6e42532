using CineMatch.Streaming.Kafka.DataAdapter;
using Orleans.Runtime;
using Orleans.Streams;

namespace CineMatch.Streaming.Kafka.Receiving;

/// <summary>
/// Consecutive events of one stream taken from one poll of one partition: a single delivery to the stream's
/// consumer, which can then handle them together. The container's token is that of its first (lowest) offset.
/// </summary>
[GenerateSerializer, Immutable, Alias("cinematch.kafka.KafkaBatchContainer")]
public sealed class KafkaBatchContainer : IBatchContainer
{
    public KafkaBatchContainer(StreamId streamId, int partition, IReadOnlyList<object> events, IReadOnlyList<long> offsets, IReadOnlyList<KafkaRecord>? records = null)
    {
        if (events.Count == 0 || events.Count != offsets.Count)
        {
            throw new ArgumentException("A container holds at least one event, each with its offset.", nameof(events));
        }

        StreamId = streamId;
        Partition = partition;
        Events = events;
        Offsets = offsets;
        _records = records;
        SequenceToken = new KafkaOffsetToken(offsets[0], 0);
    }

    [NonSerialized]
    private readonly IReadOnlyList<KafkaRecord>? _records;

    [Id(0)]
    public StreamId StreamId { get; }

    /// <summary>The events in offset order, as the data adapter made them.</summary>
    [Id(1)]
    public IReadOnlyList<object> Events { get; }

    /// <summary>The offset of each event's record.</summary>
    [Id(2)]
    public IReadOnlyList<long> Offsets { get; }

    [Id(3)]
    public int Partition { get; }

    [Id(4)]
    public StreamSequenceToken SequenceToken { get; }

    /// <summary>
    /// The records as received, kept only in the silo that read them (not serialized): what goes to the
    /// dead-letter sink if the batch has to be set aside.
    /// </summary>
    public IReadOnlyList<KafkaRecord> Records => _records ?? [];

    public long FirstOffset => Offsets[0];

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Events
            .Select((item, index) => (item, index))
            .Where(entry => entry.item is T)
            .Select(entry => Tuple.Create((T)entry.item, (StreamSequenceToken)new KafkaOffsetToken(Offsets[entry.index], entry.index)));

    public bool ImportRequestContext() => false;

    public override string ToString() => $"{StreamId} {SequenceToken} x{Events.Count}";
}
