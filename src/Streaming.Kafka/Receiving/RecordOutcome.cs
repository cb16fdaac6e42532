using CineMatch.Streaming.Kafka.DataAdapter;

namespace CineMatch.Streaming.Kafka.Receiving;

/// <summary>What one record became: an event for a stream, or a rejection for the dead-letter sink.</summary>
internal sealed record RecordOutcome(KafkaRecord Record, KafkaRecordInterpretation Interpretation)
{
    public bool IsAccepted => Interpretation.Event is not null;
}
