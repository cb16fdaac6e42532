using System.Diagnostics;
using CineMatch.Streaming.Kafka.Monitoring;
using CineMatch.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CineMatch.Tests.Kafka;

/// <summary>Partitions change hands (restart, a silo leaving) without losing a record; redelivery is allowed.</summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaFailoverTests(KafkaBrokerFixture kafka, ITestOutputHelper output)
{
    [Fact]
    public async Task A_new_silo_resumes_from_the_committed_offsets_of_a_stopped_one_and_no_record_is_lost()
    {
        const int users = 16, perUser = 25, applied = 10, total = users * perUser;
        var first = new KafkaSilos(kafka, partitions: 4) { MaxEventsPerBatch = 1 };
        // The first deployment's consumers stall at each user's 11th film (a dependency that is down), so the stop
        // comes mid-stream with deliveries still being retried.
        first.Scenario.BeforeApply = FastApiRecords.FailFromFilm(applied, stalled: () => true);
        await first.ProduceAsync(FastApiRecords.Interleaved(users, perUser));

        var cluster = await first.StartAsync(silos: 1);
        await Eventually.TrueAsync(() => first.Scenario.DistinctDelivered == users * applied, TimeSpan.FromSeconds(30),
            () => $"{first.Scenario.DistinctDelivered} of {users * applied} delivered before the stop");
        var deliveredBeforeStop = first.Scenario.Delivered; // the stalled deliveries fail until the stop: nothing more comes
        var firstUndelivered = Enumerable.Range(0, first.Partitions).ToDictionary(partition => partition, partition =>
        {
            var delivered = deliveredBeforeStop.Where(d => d.Partition == partition).Select(d => d.Offset).ToHashSet();
            return (long)Enumerable.Range(0, int.MaxValue).First(offset => !delivered.Contains(offset));
        });
        // The receivers learn of a completion when the agent moves the consumer on: wait until they know of all of them.
        await Eventually.TrueAsync(
            () => firstUndelivered.All(p => Lags(cluster.Silos[0]).Any(lag => lag.Partition == p.Key && lag.Processed == p.Value)),
            TimeSpan.FromSeconds(30), () => $"processed offsets {string.Join(" ", Lags(cluster.Silos[0]).Select(l => $"{l.Partition}:{l.Processed}"))}, " +
                $"first undelivered {string.Join(" ", firstUndelivered.Select(p => $"{p.Key}:{p.Value}"))}");
        await cluster.DisposeAsync(); // orderly stop: receivers commit what is complete
        var committedAtStop = first.Committed();

        // I1, exactly: each partition's committed offset is its first record that was not delivered.
        Assert.Equal(firstUndelivered.OrderBy(p => p.Key), committedAtStop.OrderBy(p => p.Key));

        var second = first.SameTopicAndGroup();
        await using var restarted = await second.StartAsync(silos: 1);
        await Eventually.TrueAsync(
            () => deliveredBeforeStop.Concat(second.Scenario.Delivered).Select(d => (d.Partition, d.Offset)).Distinct().Count() == total,
            TimeSpan.FromSeconds(30), () => $"{second.Scenario.DistinctDelivered} delivered after the restart");
        Assert.All(second.Scenario.Delivered, d => Assert.True(d.Offset >= committedAtStop[d.Partition], $"{d} was below the committed offset"));
        var redelivered = second.Scenario.Delivered.Select(d => (d.Partition, d.Offset)).Intersect(deliveredBeforeStop.Select(d => (d.Partition, d.Offset))).Count();
        output.WriteLine($"restart: {deliveredBeforeStop.Count} delivered before the stop, {second.Scenario.Delivered.Count} after, {redelivered} redelivered");
        foreach (var user in second.Scenario.Delivered.GroupBy(d => d.UserId))
        {
            Assert.Equal(user.Select(d => d.Offset).Order(), user.Select(d => d.Offset));
        }

        await Eventually.TrueAsync(() => second.Committed().SequenceEqual(second.HighWatermarks()), TimeSpan.FromSeconds(30),
            () => "the restarted silo did not commit to the end");
    }

    [Fact]
    public async Task When_one_of_two_silos_stops_its_partitions_move_to_the_other_without_loss()
    {
        const int partitions = 8, users = 24, perUser = 20, applied = 5, total = users * perUser;
        var silos = new KafkaSilos(kafka, partitions) { MaxEventsPerBatch = 1 };
        var stalled = true; // both silos stall at each user's 6th film until one of them has left
        silos.Scenario.BeforeApply = FastApiRecords.FailFromFilm(applied, () => Volatile.Read(ref stalled));
        await using var cluster = await silos.StartAsync(silos: 2);
        var leaving = cluster.Silos[1];
        var staying = cluster.Silos[0];
        await Eventually.TrueAsync(() => Owned(leaving) > 0 && Owned(staying) > 0, TimeSpan.FromSeconds(60),
            () => $"partitions owned: {Owned(staying)} and {Owned(leaving)}");

        await silos.ProduceAsync(FastApiRecords.Interleaved(users, perUser));
        await Eventually.TrueAsync(() => silos.Scenario.DistinctDelivered == users * applied, TimeSpan.FromSeconds(30),
            () => $"{silos.Scenario.DistinctDelivered} of {users * applied} delivered before the stop");
        var leavingPartitions = Owned(leaving);
        await cluster.StopSiloAsync(leaving);
        Volatile.Write(ref stalled, false);

        await Eventually.TrueAsync(() => silos.Scenario.DistinctDelivered == total, TimeSpan.FromSeconds(90),
            () => $"{silos.Scenario.DistinctDelivered} of {total} delivered after one silo left");
        Assert.Equal(partitions, Owned(staying));
        output.WriteLine($"failover: {leavingPartitions} partitions moved, {silos.Scenario.Delivered.Count - total} redeliveries");
        foreach (var user in silos.Scenario.Delivered.GroupBy(d => d.UserId))
        {
            // A redelivered tail may repeat, but each user's first deliveries stay in offset order.
            var firstSeen = user.Select(d => d.Offset).Distinct().ToList();
            Assert.Equal(firstSeen.Order(), firstSeen);
        }

        await Eventually.TrueAsync(() => silos.Committed().SequenceEqual(silos.HighWatermarks()), TimeSpan.FromSeconds(30),
            () => "the remaining silo did not commit to the end");
    }

    [Fact]
    public async Task Events_produced_by_kcat_from_another_process_reach_the_consumers()
    {
        var silos = new KafkaSilos(kafka, partitions: 2);
        await using var cluster = await silos.StartAsync(silos: 1);
        var records = FastApiRecords.Interleaved(users: 5, perUser: 4, prefix: "kcat");
        var file = Path.Combine(Path.GetTempPath(), $"{silos.Topic}.jsonl");
        await File.WriteAllLinesAsync(file, records.Select(r => $"{r.Key}\t{r.Value}"));
        try
        {
            var kcat = Kcat.Path ?? throw new InvalidOperationException("kcat is not installed: run `apt-get update && apt-get install -y kcat`.");
            using var process = Process.Start(new ProcessStartInfo(kcat, ["-P", "-b", kafka.BootstrapServers, "-t", silos.Topic, "-K", "\t", "-l", file])
            {
                RedirectStandardError = true,
            })!;
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"kcat failed ({process.ExitCode}): {errors}");
        }
        finally
        {
            File.Delete(file);
        }

        await Eventually.TrueAsync(() => silos.Scenario.DistinctDelivered == records.Count, TimeSpan.FromSeconds(20),
            () => $"{silos.Scenario.DistinctDelivered} of {records.Count} kcat records delivered");
        Assert.Equal(records.Select(r => r.Key).Distinct().Order(), silos.Scenario.Delivered.Select(d => d.UserId).Distinct().Order());
    }

    private static int Owned(Orleans.TestingHost.InProcessSiloHandle silo) => Lags(silo).Count;

    private static IReadOnlyList<PartitionLag> Lags(Orleans.TestingHost.InProcessSiloHandle silo) =>
        silo.ServiceProvider.GetRequiredService<IKafkaLagMonitor>().GetLag();
}

internal static class Kcat
{
    public static string? Path => new[] { "/usr/bin/kcat", "/usr/local/bin/kcat" }.FirstOrDefault(File.Exists);
}
