using Orleans.Runtime;

namespace CineMatch.Streaming.Kafka.DataAdapter;

/// <summary>
/// The application's side of the provider, as Orleans' Event Hubs provider has <c>IEventHubDataAdapter</c>:
/// it turns a Kafka record into an event on a stream, and an event produced through the Orleans stream into a
/// record. The provider itself knows nothing of the events' type or format. Register one per provider with
/// <see cref="Hosting.KafkaStreamConfigurator.UseDataAdapter"/>; without one, <see cref="KafkaStringDataAdapter"/>.
/// </summary>
public interface IKafkaDataAdapter
{
    /// <summary>
    /// Called once per record, on the silo that reads its partition. A record that cannot be an event is
    /// <see cref="KafkaRecordInterpretation.Rejected"/>: it goes to the dead-letter sink and the partition moves on.
    /// An exception is treated as a rejection with its message.
    /// </summary>
    KafkaRecordInterpretation FromRecord(KafkaRecord record);

    /// <summary>The record to produce for an event written to <paramref name="streamId"/> through the Orleans stream.</summary>
    KafkaMessage ToRecord(StreamId streamId, object item);
}
