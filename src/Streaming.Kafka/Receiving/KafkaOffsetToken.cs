using Orleans.Streams;

namespace CineMatch.Streaming.Kafka.Receiving;

/// <summary>
/// The position of an event in its Kafka partition: <see cref="SequenceNumber"/> is the record's offset
/// (consumers break timestamp ties with it), <see cref="EventIndex"/> its place in the batch container.
/// A user's records all live in one partition (key = user_id), so tokens of one stream are ordered.
/// </summary>
[GenerateSerializer, Immutable, Alias("cinematch.kafka.KafkaOffsetToken")]
public sealed class KafkaOffsetToken : StreamSequenceToken
{
    public KafkaOffsetToken(long offset, int eventIndex)
    {
        SequenceNumber = offset;
        EventIndex = eventIndex;
    }

    [Id(0)]
    public override long SequenceNumber { get; protected set; }

    [Id(1)]
    public override int EventIndex { get; protected set; }

    public override bool Equals(StreamSequenceToken? other) =>
        other is not null && other.SequenceNumber == SequenceNumber && other.EventIndex == EventIndex;

    public override bool Equals(object? obj) => obj is StreamSequenceToken other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(SequenceNumber, EventIndex);

    public override int CompareTo(StreamSequenceToken? other)
    {
        if (other is null)
        {
            return 1;
        }

        var bySequence = SequenceNumber.CompareTo(other.SequenceNumber);
        return bySequence != 0 ? bySequence : EventIndex.CompareTo(other.EventIndex);
    }

    public override string ToString() => $"[offset {SequenceNumber}, event {EventIndex}]";
}
