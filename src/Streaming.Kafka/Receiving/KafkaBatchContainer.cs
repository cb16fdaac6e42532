using System.Diagnostics;
using CineMatch.Streaming.Kafka.DataAdapter;
using CineMatch.Streaming.Kafka.Tracing;
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
        if (records is [var first, ..])
        {
            (TraceParent, TraceState) = KafkaTracing.Extract(first);
        }
    }

    [NonSerialized]
    private readonly IReadOnlyList<KafkaRecord>? _records;

    // The reading silo's process span, from the first delivery until the receiver hears the batch is done.
    [NonSerialized]
    private Activity? _processing;

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

    /// <summary>The W3C trace context of the first record's producer (its <c>traceparent</c> header), if it sent one.</summary>
    [Id(5)]
    public string? TraceParent { get; }

    [Id(6)]
    public string? TraceState { get; }

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

    /// <summary>
    /// Continues the first record's trace in the delivery: the context goes into the <see cref="RequestContext"/>
    /// under the W3C names Orleans' activity propagation reads (<c>traceparent</c>, <c>tracestate</c>); and in the
    /// silo that read the batch, the process span becomes the current activity, because Orleans' outgoing call filter
    /// parents the delivery call's span on the current activity and overwrites <c>traceparent</c> with it.
    /// Orleans calls this just before the delivery call, in the same synchronous turn of an async method, so the
    /// current activity does not outlive that method.
    /// </summary>
    public bool ImportRequestContext()
    {
        if (TraceParent is null)
        {
            return false;
        }

        RequestContext.Set(KafkaTracing.TraceParentHeader, TraceParent);
        if (TraceState is not null)
        {
            RequestContext.Set(KafkaTracing.TraceStateHeader, TraceState);
        }

        if (_records is [var first, ..])
        {
            _processing ??= KafkaTracing.StartProcessing(first.Topic, Partition, FirstOffset, Events.Count, TraceParent, TraceState);
            if (_processing is { } processing)
            {
                Activity.Current = processing;
            }
        }

        return true;
    }

    /// <summary>Ends the process span once every consumer completed the batch, or it was set aside (<paramref name="failure"/>).</summary>
    internal void EndProcessing(string? failure = null)
    {
        if (_processing is not { } processing)
        {
            return;
        }

        if (failure is not null)
        {
            processing.SetStatus(ActivityStatusCode.Error, failure);
        }

        processing.Stop();
        _processing = null;
    }

    public override string ToString() => $"{StreamId} {SequenceToken} x{Events.Count}";
}
