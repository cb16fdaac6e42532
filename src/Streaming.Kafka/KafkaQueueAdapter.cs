using CineMatch.Domain;
using CineMatch.Events;
using CineMatch.Streaming.Kafka.Publishing;
using Orleans.Runtime;
using Orleans.Streams;

namespace CineMatch.Streaming.Kafka;

/// <summary>
/// The Orleans queue adapter: creates one receiver per partition-queue, and lets a silo or client produce
/// onto the stream, which writes the same record the FastAPI backend would (key = user_id, JSON value).
/// </summary>
internal sealed class KafkaQueueAdapter(
    string name,
    string topic,
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

        var key = streamId.GetKeyAsString();
        var records = events.Select(e => (key, e switch
        {
            string json => json,
            MovieEvent movieEvent => EventJson.Serialize(movieEvent),
            _ => throw new NotSupportedException($"Only MovieEvent or its JSON text can go on the Kafka stream, not {typeof(T).Name}."),
        })).ToList();
        return writer.Value.WriteAsync(topic, records, CancellationToken.None);
    }
}
