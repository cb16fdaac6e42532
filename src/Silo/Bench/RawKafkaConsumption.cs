using System.Diagnostics;
using Confluent.Kafka;

namespace CineMatch.Silo.Bench;

/// <summary>
/// Reads a whole topic from the beginning with one bare consumer (every partition assigned, no group, no
/// commits, no Orleans): the fastest the log can be read here, to compare with events/s through the grains.
/// </summary>
public static class RawKafkaConsumption
{
    /// <param name="keepSample">How many of the first records to return for inspection.</param>
    public static RawConsumeResult ReadTopic(string bootstrapServers, string topic, long expectedRecords, TimeSpan timeout, int keepSample = 0)
    {
        using var consumer = new ConsumerBuilder<string?, string?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"raw-read-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            FetchMaxBytes = 64 << 20,
        }).Build();
        var partitions = consumer.GetMetadata(topic, timeout);
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));

        var sample = new List<ConsumeResult<string?, string?>>();
        var stopwatch = Stopwatch.StartNew();
        long records = 0;
        while (records < expectedRecords && stopwatch.Elapsed < timeout)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null || result.IsPartitionEOF)
            {
                continue;
            }

            if (sample.Count < keepSample)
            {
                sample.Add(result);
            }

            records++;
        }

        return new RawConsumeResult(records, stopwatch.Elapsed, sample);
    }

    private static IEnumerable<Partition> GetMetadata(this IConsumer<string?, string?> consumer, string topic, TimeSpan timeout)
    {
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        return admin.GetMetadata(topic, timeout).Topics.Single().Partitions.Select(p => new Partition(p.PartitionId));
    }
}
