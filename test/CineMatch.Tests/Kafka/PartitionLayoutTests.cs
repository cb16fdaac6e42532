using CineMatch.Streaming.Kafka.Receiving;
using Orleans.Runtime;

namespace CineMatch.Tests.Kafka;

public sealed class PartitionLayoutTests
{
    private static readonly (string Topic, int Partitions)[] Topics = [("events", 8), ("audit", 4)];

    [Fact]
    public void Every_partition_of_every_topic_is_one_queue_of_the_provider_and_the_queue_leads_back_to_it()
    {
        var layout = PartitionLayout.Create("kafka", Topics);

        var queues = layout.Mapper.GetAllQueues().ToList();
        var partitions = queues.Select(layout.PartitionOf).Select(p => $"{p.Topic}/{p.Partition.Value}").ToList();

        Assert.Equal(12, queues.Distinct().Count());
        Assert.All(queues, queue => Assert.Equal("kafka", queue.GetStringNamePrefix()));
        Assert.Equal(
            Topics.SelectMany(t => Enumerable.Range(0, t.Partitions).Select(p => $"{t.Topic}/{p}")).Order(),
            partitions.Order());
    }

    [Fact]
    public void The_queues_are_spaced_evenly_round_the_ring_so_the_consistent_ring_balancer_gives_each_silo_a_fair_share()
    {
        var layout = PartitionLayout.Create("kafka", Topics);

        var hashes = layout.Mapper.GetAllQueues().Select(queue => (long)queue.GetUniformHashCode()).Order().ToList();
        var gaps = hashes.Zip(hashes.Skip(1), (a, b) => b - a).Append(hashes[0] + (1L << 32) - hashes[^1]).ToList();

        // Equal gaps up to rounding: any arc of the ring holds its proportional share of the partitions, give or take one.
        Assert.True(gaps.Max() - gaps.Min() <= 100, $"gaps between neighbouring queues: {string.Join(", ", gaps)}");
    }
}
