using CineMatch.Streaming.Kafka.Monitoring;
using CineMatch.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CineMatch.Tests.Kafka;

/// <summary>EXACTNESS I1 at the provider's level: the committed offset never passes a record that is not done.</summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaCheckpointingTests(KafkaBrokerFixture kafka)
{
    [Fact]
    public async Task A_slow_user_holds_the_committed_offset_at_its_record_while_other_users_flow()
    {
        var silos = new KafkaSilos(kafka, 1);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        silos.Scenario.BeforeApply = e => e.UserId == "slow" ? release.Task : Task.CompletedTask;
        await using var cluster = await silos.StartAsync(silos: 1);

        var records = FastApiRecords.Interleaved(users: 2, perUser: 3, prefix: "fast"); // offsets 0..5
        records.Add(("slow", FastApiRecords.Json("slow", "held", 10)));               // offset 6
        records.AddRange(FastApiRecords.Interleaved(users: 2, perUser: 10, prefix: "after")); // offsets 7..26
        await silos.ProduceAsync(records);

        await Eventually.TrueAsync(() => silos.Scenario.DistinctDelivered == records.Count - 1, TimeSpan.FromSeconds(20),
            () => $"{silos.Scenario.DistinctDelivered} of {records.Count - 1} fast records delivered");
        // Once every fast batch is reported complete, only the slow one is in flight and each commit from then
        // on stores the same offset: the one the receiver has committed itself is final until the release.
        await Eventually.TrueAsync(() => Lag(cluster) is { InFlight: 1, Committed: 6 }, TimeSpan.FromSeconds(20),
            () => $"the receiver reports {Lag(cluster)}; want one batch in flight and offset 6 committed");
        Assert.Equal(6, silos.Committed()[0]);
        Assert.Equal(6, Lag(cluster).Processed);
        Assert.Equal(records.Count, Lag(cluster).HighWatermark);

        release.SetResult();
        await Eventually.TrueAsync(() => silos.Committed()[0] == records.Count,
            TimeSpan.FromSeconds(10), () => "the offset did not advance once the slow user completed");
    }

    [Fact]
    public async Task A_consumer_that_keeps_failing_is_retried_then_set_aside_and_the_offset_passes_it_only_once_the_dead_letter_is_durable()
    {
        var silos = new KafkaSilos(kafka, 1)
        {
            DeliveryRound = TimeSpan.FromMilliseconds(300),
            MaxDeliveryRounds = 2,
            MaxEventsPerBatch = 1,
        };
        var attempts = 0;
        silos.Scenario.BeforeApply = e => e.Movie.Name == "poison"
            ? Task.FromException(new InvalidOperationException($"cannot apply (attempt {Interlocked.Increment(ref attempts)})"))
            : Task.CompletedTask;
        silos.DeadLetters.Down = true; // like MongoDB being away: nothing may be set aside yet
        await using var cluster = await silos.StartAsync(silos: 1);

        await silos.ProduceAsync([
            ("u1", FastApiRecords.Json("u1", "ok-1", 1)),   // 0
            ("u1", FastApiRecords.Json("u1", "poison", 2)), // 1
            ("u1", FastApiRecords.Json("u1", "ok-2", 3)),   // 2
            ("u2", FastApiRecords.Json("u2", "other", 4)),  // 3
        ]);

        // The user's later record flows once the poisoned one is set aside; another user never waited.
        await Eventually.TrueAsync(() => silos.Scenario.DistinctDelivered == 3, TimeSpan.FromSeconds(30),
            () => $"{silos.Scenario.DistinctDelivered} of 3 delivered");
        Assert.Equal(["ok-1", "ok-2"], silos.Scenario.Delivered.Where(d => d.UserId == "u1").Select(d => d.MovieName));
        Assert.True(attempts >= 2, $"the poisoned batch was tried {attempts} times");
        // The receiver has tried to make the set-aside batch durable and committed all it may: up to the batch.
        await Eventually.TrueAsync(() => silos.DeadLetters.Refused > 0 && Lag(cluster) is { InFlight: 1, Committed: 1 }, TimeSpan.FromSeconds(20),
            () => $"{silos.DeadLetters.Refused} dead letters refused, the receiver reports {Lag(cluster)}; want one batch in flight and offset 1 committed");
        Assert.Equal(1, silos.Committed()[0]);

        silos.DeadLetters.Down = false;
        await Eventually.TrueAsync(() => silos.Committed()[0] == 4,
            TimeSpan.FromSeconds(10), () => "the offset did not pass the set-aside record once it was durable");
        var letter = Assert.Single(silos.DeadLetters.Letters);
        Assert.Equal((0, 1L), (letter.Partition!.Value, letter.Offset!.Value));
        Assert.Contains("\"poison\"", letter.Raw);
        Assert.Contains("delivery failed", letter.Reason);
    }

    private static PartitionLag Lag(InProcessTestCluster cluster) =>
        Assert.Single(cluster.Silos[0].ServiceProvider.GetRequiredService<IKafkaLagMonitor>().GetLag());
}
