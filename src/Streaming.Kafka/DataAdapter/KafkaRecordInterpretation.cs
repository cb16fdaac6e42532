using Orleans.Runtime;

namespace CineMatch.Streaming.Kafka.DataAdapter;

/// <summary>What the data adapter made of one record: an event on a stream, or the reason it is set aside as a dead letter.</summary>
public sealed record KafkaRecordInterpretation
{
    private KafkaRecordInterpretation(StreamId streamId, object? item, string? rejectionReason) =>
        (StreamId, Event, RejectionReason) = (streamId, item, rejectionReason);

    public StreamId StreamId { get; }

    /// <summary>The event delivered to the stream's consumers; null when the record was rejected.</summary>
    public object? Event { get; }

    /// <summary>Why the record is not an event; null when it was accepted.</summary>
    public string? RejectionReason { get; }

    public static KafkaRecordInterpretation Accepted(StreamId streamId, object item) => new(streamId, item ?? throw new ArgumentNullException(nameof(item)), null);

    public static KafkaRecordInterpretation Rejected(string reason) => new(default, null, reason);
}
