using CineMatch.Streaming.Kafka.Monitoring;
using CineMatch.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CineMatch.Tests.Kafka;

[Collection(KafkaCollection.Name)]
public sealed class KafkaStreamDeliveryTests(KafkaBrokerFixture kafka)
{
    [Fact]
    public async Task Records_from_the_backend_reach_each_users_grain_in_offset_order_across_more_partitions_than_silos()
    {
        const int partitions = 6, users = 25, perUser = 12;
        var silos = new KafkaSilos(kafka, partitions);
        await using var cluster = await silos.StartAsync(silos: 2);
        // The queue balancer hands partitions to the second silo only once it has joined; wait for that, so
        // that the records below really are read by two silos.
        await Eventually.TrueAsync(() => PartitionsPerSilo(cluster).All(owned => owned > 0) && PartitionsPerSilo(cluster).Sum() == partitions,
            TimeSpan.FromSeconds(60), () => $"partitions read per silo: {string.Join(", ", PartitionsPerSilo(cluster))} (want all {partitions}, each silo some)");

        await silos.ProduceAsync(FastApiRecords.Interleaved(users, perUser));

        await Eventually.TrueAsync(() => silos.Scenario.DistinctDelivered == users * perUser, TimeSpan.FromSeconds(30),
            () => $"{silos.Scenario.DistinctDelivered} of {users * perUser} delivered");
        var delivered = silos.Scenario.Delivered;
        Assert.Equal(users * perUser, delivered.Count); // nothing delivered twice in a quiet run
        foreach (var user in delivered.GroupBy(d => d.UserId))
        {
            var offsets = user.Select(d => d.Offset).ToList();
            Assert.Equal(offsets.Order(), offsets);
            Assert.Single(user.Select(d => d.Partition).Distinct()); // key = user_id keeps a user on one partition
            Assert.Equal(Enumerable.Range(0, perUser).Select(i => $"film-{i}"), user.Select(d => d.MovieName));
            Assert.All(user, d => Assert.Equal(d.Offset, d.TokenSequence)); // the tie-breaker is the Kafka offset
        }

        // Every partition ends fully committed with no lag left.
        var high = silos.HighWatermarks();
        await Eventually.TrueAsync(
            () => silos.Committed().SequenceEqual(high),
            TimeSpan.FromSeconds(30), () => "committed offsets did not reach the high watermarks");
        await Eventually.TrueAsync(
            () => Lags(cluster).Count == partitions && Lags(cluster).All(l => l.Lag == 0 && l.Processed == l.HighWatermark),
            TimeSpan.FromSeconds(30), () => $"lag monitors report: {string.Join("; ", Lags(cluster))}");
    }

    private static List<PartitionLag> Lags(InProcessTestCluster cluster) =>
        [.. cluster.Silos.SelectMany(s => s.ServiceProvider.GetRequiredService<IKafkaLagMonitor>().GetLag())];

    private static List<int> PartitionsPerSilo(InProcessTestCluster cluster) =>
        [.. cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<IKafkaLagMonitor>().GetLag().Count)];

    [Fact]
    public async Task A_record_that_is_not_json_is_dead_lettered_with_its_position_and_the_partition_keeps_flowing()
    {
        var silos = new KafkaSilos(kafka, 1);
        await using var cluster = await silos.StartAsync(silos: 1);

        await silos.ProduceAsync([
            ("u1", FastApiRecords.Json("u1", "before", 1)),
            ("u1", "this is {not json"),
            ("u2", "{\"event_type\":\"ADD\",\"user_id\":\"u2\"}"),
            ("u1", FastApiRecords.Json("u1", "after", 2)),
        ]);

        await Eventually.TrueAsync(() => silos.Scenario.DistinctDelivered == 2 && silos.DeadLetters.Letters.Count == 2, TimeSpan.FromSeconds(20),
            () => $"{silos.Scenario.DistinctDelivered} delivered, {silos.DeadLetters.Letters.Count} dead letters");
        Assert.Equal(["before", "after"], silos.Scenario.Delivered.Select(d => d.MovieName));
        var letters = silos.DeadLetters.Letters.OrderBy(l => l.Offset).ToList();
        Assert.Equal([1L, 2L], letters.Select(l => l.Offset!.Value));
        Assert.All(letters, l => Assert.Equal(0, l.Partition));
        Assert.Equal("this is {not json", letters[0].Raw);
        Assert.False(string.IsNullOrWhiteSpace(letters[0].Reason));
        Assert.True(DateTimeOffset.TryParse(letters[0].Time, out _));
        await Eventually.TrueAsync(() => silos.Committed()[0] == 4,
            TimeSpan.FromSeconds(10), () => "the offset did not advance past the dead-lettered records");
    }
}
