using System.Globalization;
using CineMatch.Tests.Property;
using CineMatch.Tests.Support;
using CineMatch.Wire;
using CsCheck;
using Orleans.TestingHost;

namespace CineMatch.Tests.Kafka;

/// <summary>
/// The batching property (see <see cref="BatchingPropertyTests"/>) through the production path: each user's log as
/// backend records on its own partition of a fresh topic, read by the Kafka provider with a random pull size and a
/// random limit of records per delivery, so the stream itself decides where batches end; user grains are deactivated
/// one after the other while the stream runs.
/// </summary>
[Trait("Category", "Property")]
[Collection(KafkaCollection.Name)]
public sealed class KafkaBatchingPropertyTests(KafkaBrokerFixture kafka)
{
    private int _runs;

    [Fact]
    public async Task Any_pull_size_gives_the_documents_of_the_pure_replay()
    {
        var cases = Gen.Select(LogCase.Generator(maxEvents: 25), Gen.Int[1, 40], Gen.Int[1, 12]);
        await cases.SampleAsync(
            RunCaseAsync,
            seed: PropertySettings.Seed,
            iter: PropertySettings.KafkaCases(inCi: 6),
            threads: 1,
            print: c => string.Create(CultureInfo.InvariantCulture, $"pull size {c.Item2}, at most {c.Item3} records per delivery\n{LogCase.Describe(c.Item1, redeliveries: false)}"));
    }

    private async Task RunCaseAsync(LogCase logCase, int pollBatchSize, int maxEventsPerBatch)
    {
        var run = Interlocked.Increment(ref _runs);
        var silos = new KafkaSilos(kafka, partitions: logCase.Users.Count)
        {
            RealGrains = true, Catalog = TestCatalog.Films, PollBatchSize = pollBatchSize, MaxEventsPerBatch = maxEventsPerBatch,
        };
        var logs = logCase.Users.Select((user, partition) => LogCase.Log(user, $"run{run}-user-{partition}", partition)).ToList();
        foreach (var log in logs)
        {
            await FastApiRecords.ProduceAsync(kafka.BootstrapServers, silos.Topic,
                log.Select(e => ((string?)e.UserId, EventJson.Serialize(e))), partition: log[0].Position!.Partition);
        }

        await using var cluster = await silos.StartAsync(silos: 1);
        using var consumed = new CancellationTokenSource();
        var deactivations = DeactivateWhileConsumingAsync(cluster, logs.Select(log => log[0].UserId).ToList(), consumed.Token);
        await Eventually.TrueAsync(() => silos.Committed().SequenceEqual(silos.HighWatermarks()), TimeSpan.FromSeconds(60),
            () => "the consumer group to commit every partition to its end");
        await consumed.CancelAsync();
        await deactivations;
        await cluster.Client.GetGrain<IGlobalTrendsGrain>(0).FlushAsync();

        await PureReplayComparison.AssertSameAsPureReplayAsync(
            logs.ToDictionary(log => log[0].UserId, log => log), cluster.Silos[0].ServiceProvider, cluster.Client, TrendsSnapshot.Empty);
    }

    /// <summary>Ends user grains' activations, one user after the other, wherever the stream happens to be.</summary>
    private static async Task DeactivateWhileConsumingAsync(InProcessTestCluster cluster, IReadOnlyList<string> userIds, CancellationToken consumed)
    {
        for (var i = 0; !consumed.IsCancellationRequested; i++)
        {
            await cluster.DeactivateAsync(cluster.Client.GetGrain<IUserStatsGrain>(userIds[i % userIds.Count]));
            await Task.Delay(TimeSpan.FromMilliseconds(30), CancellationToken.None);
        }
    }
}
