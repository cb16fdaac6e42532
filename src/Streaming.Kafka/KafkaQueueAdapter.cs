using CineMatch.Streaming.Kafka.DataAdapter;
using CineMatch.Streaming.Kafka.Publishing;
using Orleans.Runtime;
using Orleans.Streams;

namespace CineMatch.Streaming.Kafka;

/// <summary>
/// The Orleans queue adapter: creates one receiver per partition-queue, and lets a silo or client produce
/// onto the stream, which writes the record the data adapter makes of each event.
/// </summary>
internal sealed class KafkaQueueAdapter(
    string name,
    string topic,
    IKafkaDataAdapter dataAdapter,
    Lazy<KafkaLogWriter> writer,
    Func<QueueId, IQueueAdapterReceiver> createReceiver) : IQueueAdapter
{
    public string Name { get; } = name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => createReceiver(queueId);

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null)
        {
            throw new NotSupportedException("Kafka assigns offsets itself; producing at a sequence token is not supported.");
        }

        var records = events.Select(item => dataAdapter.ToRecord(streamId, item ?? throw new ArgumentNullException(nameof(events)))).ToList();
        return writer.Value.WriteAsync(topic, records, CancellationToken.None);
    }
}
