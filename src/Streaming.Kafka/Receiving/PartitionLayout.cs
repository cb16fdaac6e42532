using Confluent.Kafka;
using Orleans.Runtime;
using Orleans.Streams;

namespace CineMatch.Streaming.Kafka.Receiving;

/// <summary>
/// One Orleans queue per Kafka partition. Orleans' <see cref="HashRingBasedPartitionedStreamQueueMapper"/> spaces the
/// queues evenly over the hash ring (so the consistent-ring balancer gives each silo a fair share; the lease-based
/// balancer only needs the list) and remembers which partition id each queue stands for; the id is
/// <c>topic:partition</c>, parsed back here.
/// </summary>
internal sealed class PartitionLayout
{
    private readonly Dictionary<QueueId, TopicPartition> _partitions;

    private PartitionLayout(HashRingBasedPartitionedStreamQueueMapper mapper, Dictionary<QueueId, TopicPartition> partitions) =>
        (Mapper, _partitions) = (mapper, partitions);

    /// <summary>
    /// <see cref="IStreamQueueMapper.GetQueueForStream"/> is only used when something produces through the Orleans stream
    /// itself; the provider lets Kafka's partitioner place records by key, so that queue is a stable guess, not the record's partition.
    /// </summary>
    public HashRingBasedPartitionedStreamQueueMapper Mapper { get; }

    /// <param name="providerName">The queue names' prefix: queues of two providers never collide.</param>
    public static PartitionLayout Create(string providerName, IReadOnlyList<(string Topic, int Partitions)> topics)
    {
        var partitions = topics.SelectMany(t => Enumerable.Range(0, t.Partitions).Select(p => new TopicPartition(t.Topic, p))).ToList();
        var mapper = new HashRingBasedPartitionedStreamQueueMapper(partitions.Select(Id).ToList(), providerName);
        var byId = partitions.ToDictionary(Id);
        return new PartitionLayout(mapper, mapper.GetAllQueues().ToDictionary(queue => queue, queue => byId[mapper.QueueToPartition(queue)]));
    }

    public TopicPartition PartitionOf(QueueId queue) =>
        _partitions.TryGetValue(queue, out var partition) ? partition : throw new ArgumentOutOfRangeException(nameof(queue), queue, "not a queue of this provider");

    private static string Id(TopicPartition partition) => $"{partition.Topic}:{partition.Partition.Value}";
}
