using System.Text;
using CineMatch.Catalog;
using CineMatch.Hosting.Catalog;
using CineMatch.Silo.Demo;
using CineMatch.Streaming.Kafka.Hosting;
using CineMatch.Streaming.Kafka.Publishing;
using CineMatch.Wire;
using Confluent.Kafka;

namespace CineMatch.Silo.Bench;

/// <summary>
/// The records of one benchmark run: realistic events from <see cref="DemoEventGenerator"/> over the bundled
/// catalog, as the backend writes them (JSON value, key = user_id), with event times one millisecond apart so
/// that none is late and the replay of the same lines gives the same lists.
/// </summary>
public sealed class BenchWorkload
{
    private static readonly DateTimeOffset Start = new(2026, 1, 19, 20, 0, 0, TimeSpan.Zero);

    private BenchWorkload(IReadOnlyList<(string Key, string Value)> records) => Records = records;

    /// <summary>In log order per user (the key decides the partition, so a user's records keep this order).</summary>
    public IReadOnlyList<(string Key, string Value)> Records { get; }

    public long Bytes => Records.Sum(record => (long)Encoding.UTF8.GetByteCount(record.Value) + Encoding.UTF8.GetByteCount(record.Key));

    public static async Task<BenchWorkload> GenerateAsync(int events, int users, int seed = 42)
    {
        IReadOnlyList<CatalogMovie> catalog = await new JsonFileCatalogSource(JsonFileCatalogSource.BundledPath).LoadAsync(CancellationToken.None);
        var generator = new DemoEventGenerator(catalog, users, skew: 1.1, seed);
        var records = new List<(string, string)>(events);
        for (var i = 0; i < events; i++)
        {
            var movieEvent = generator.Next(Start.AddMilliseconds(i));
            records.Add((movieEvent.UserId, EventJson.Serialize(movieEvent)));
        }

        return new BenchWorkload(records);
    }

    /// <summary>Writes every record with the idempotent producer of the gateway (acks=all), in chunks.</summary>
    public async Task ProduceAsync(string bootstrapServers, string topic)
    {
        var connection = new KafkaConnectionOptions { BootstrapServers = bootstrapServers };
        using var writer = new KafkaLogWriter(connection, new KafkaPublisherOptions { Topic = topic, AckTimeout = TimeSpan.FromSeconds(30), Linger = TimeSpan.FromMilliseconds(5) });
        const int chunk = 20_000;
        for (var start = 0; start < Records.Count; start += chunk)
        {
            var slice = new List<(string, string)>(Math.Min(chunk, Records.Count - start));
            for (var i = start; i < start + slice.Capacity; i++)
            {
                slice.Add(Records[i]);
            }

            await writer.WriteAsync(topic, slice, CancellationToken.None);
        }
    }

    /// <summary>Each partition's high watermark, asked of the broker.</summary>
    public static long[] HighWatermarks(string bootstrapServers, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "bench-watermarks" }).Build();
        return [.. Enumerable.Range(0, partitions).Select(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value)];
    }
}
