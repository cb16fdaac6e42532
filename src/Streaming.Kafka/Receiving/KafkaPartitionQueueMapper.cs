using Orleans.Runtime;
using Orleans.Streams;

namespace CineMatch.Streaming.Kafka.Receiving;

/// <summary>
/// One Orleans queue per Kafka partition: queue name = topic, queue number = partition. The queues are spread
/// evenly over the hash ring so the consistent-ring balancer gives each silo a fair share; the lease-based
/// balancer only needs the list.
/// </summary>
internal sealed class KafkaPartitionQueueMapper : IConsistentRingStreamQueueMapper
{
    private readonly List<QueueId> _queues;

    public KafkaPartitionQueueMapper(IReadOnlyList<(string Topic, int Partitions)> topics)
    {
        var total = topics.Sum(t => t.Partitions);
        var spacing = uint.MaxValue / (uint)Math.Max(1, total);
        _queues = topics
            .SelectMany(t => Enumerable.Range(0, t.Partitions).Select(p => (t.Topic, Partition: p)))
            .Select((q, index) => QueueId.GetQueueId(q.Topic, (uint)q.Partition, (uint)index * spacing))
            .ToList();
    }

    public static (string Topic, int Partition) PartitionOf(QueueId queue) => (queue.GetStringNamePrefix(), (int)queue.GetNumericId());

    public IEnumerable<QueueId> GetAllQueues() => _queues;

    public IEnumerable<QueueId> GetQueuesForRange(IRingRange range) => _queues.Where(q => range.InRange(q.GetUniformHashCode()));

    /// <summary>
    /// Only used when something produces through the Orleans stream itself; <see cref="KafkaQueueAdapter"/>
    /// lets Kafka's partitioner place records by key, so this is a stable guess, not the record's partition.
    /// </summary>
    public QueueId GetQueueForStream(StreamId streamId) => _queues[(int)((uint)streamId.GetHashCode() % (uint)_queues.Count)];
}
