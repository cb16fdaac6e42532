using System.Text;
using CineMatch.Streaming.Kafka.DataAdapter;
using CineMatch.Streaming.Kafka.Hosting;
using CineMatch.Streaming.Kafka.Tracing;
using Confluent.Kafka;

namespace CineMatch.Streaming.Kafka.Publishing;

/// <summary>
/// An idempotent producer (acks=all, no duplicates on retry) that completes a batch only once the brokers
/// acknowledged every record of it, or fails with <see cref="KafkaUnavailableException"/> within the
/// configured time. Each record carries its headers and, unless they hold one, the current activity's trace
/// context (see <see cref="KafkaTracing"/>). Thread-safe; one per process is enough.
/// </summary>
public sealed class KafkaLogWriter : IDisposable
{
    private readonly KafkaPublisherOptions _options;
    private readonly IProducer<byte[]?, byte[]> _producer;

    public KafkaLogWriter(KafkaConnectionOptions connection, KafkaPublisherOptions options)
    {
        _options = options;
        var timeoutMs = (int)options.AckTimeout.TotalMilliseconds;
        _producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig(connection.ToClientConfig())
        {
            EnableIdempotence = true,
            Acks = Acks.All,
            MessageTimeoutMs = timeoutMs,
            RequestTimeoutMs = Math.Min(timeoutMs, 30_000),
            LingerMs = options.Linger.TotalMilliseconds,
            Partitioner = options.Partitioner,
        }).Build();
    }

    /// <summary>Writes text records (UTF-8 key and value) to the topic; returns once all are acknowledged.</summary>
    public Task WriteAsync(string topic, IReadOnlyList<(string Key, string Value)> records, CancellationToken cancellationToken) =>
        WriteAsync(topic, records.Select(record => new KafkaMessage(Encoding.UTF8.GetBytes(record.Key), Encoding.UTF8.GetBytes(record.Value))).ToList(), cancellationToken);

    /// <summary>Writes the records to the topic; returns once all are acknowledged.</summary>
    public async Task WriteAsync(string topic, IReadOnlyList<KafkaMessage> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        try
        {
            var acknowledgements = records
                .Select(record => _producer.ProduceAsync(topic, new Message<byte[]?, byte[]> { Key = record.Key, Value = record.Value, Headers = KafkaTracing.ToHeaders(record) }, cancellationToken))
                .ToList();
            // librdkafka fails each record after message.timeout.ms; the extra second only guards against a lost callback.
            await Task.WhenAll(acknowledgements).WaitAsync(_options.AckTimeout + TimeSpan.FromSeconds(1), cancellationToken);
        }
        catch (ProduceException<byte[]?, byte[]> exception)
        {
            throw new KafkaUnavailableException($"Kafka did not acknowledge the batch for topic '{topic}': {exception.Error.Reason} ({exception.Error.Code}).", exception);
        }
        catch (KafkaException exception)
        {
            throw new KafkaUnavailableException($"Kafka refused the batch for topic '{topic}': {exception.Error.Reason}.", exception);
        }
        catch (TimeoutException exception)
        {
            throw new KafkaUnavailableException($"Kafka did not acknowledge the batch for topic '{topic}' within {_options.AckTimeout}.", exception);
        }
    }

    public void Dispose()
    {
        // Whatever is still queued has already failed its caller (or will, by timeout); do not wait long.
        _producer.Flush(TimeSpan.FromSeconds(1));
        _producer.Dispose();
    }
}
