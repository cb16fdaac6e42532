using System.Diagnostics;
using CineMatch.Tests.Kafka;
using CineMatch.Tests.MongoDB;
using CineMatch.Tests.Support;

namespace CineMatch.Tests.Resilience;

/// <summary>
/// Two silos of one cluster (membership in MongoDB) share the partitions; when one stops, the other takes its
/// partitions over from the committed offsets, and the documents end up exactly the replay's.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class FailoverTests(MongoServer mongo, KafkaBrokerFixture kafka)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task When_one_of_two_silos_stops_mid_stream_the_other_finishes_with_the_documents_of_the_replay(bool kill)
    {
        var clock = Stopwatch.StartNew();
        var (deployment, log, expected) = await ChaosDeployment.PrepareAsync(mongo, kafka, seed: 31);

        await using var staying = await deployment.StartSiloAsync();
        await using var leaving = await deployment.StartSiloAsync();
        await Eventually.TrueAsync(() => staying.Partitions.Count > 0 && leaving.Partitions.Count > 0, TimeSpan.FromSeconds(20),
            () => $"partitions owned: {staying.Partitions.Count} and {leaving.Partitions.Count}");
        var moved = leaving.Partitions.Count;

        var producing = deployment.ProduceLiveAsync(log, chunks: 20, pause: TimeSpan.FromMilliseconds(400));
        await Eventually.TrueAsync(() => staying.Processed + leaving.Processed >= log.Count / 3 && leaving.Processed > 0, TimeSpan.FromSeconds(30),
            () => $"{staying.Processed} + {leaving.Processed} of {log.Count} records processed");
        Assert.False(producing.IsCompleted, "the whole log was produced before the stop");
        await leaving.LeaveAsync(kill);

        var stoppedAt = clock.Elapsed;

        await deployment.EndsAsTheReplayAsync(producing, expected, TimeSpan.FromSeconds(40));
        Assert.Equal(ChaosDeployment.Partitions, staying.Partitions.Count);
        Console.WriteLine($"failover ({(kill ? "kill" : "stop")}): {log.Count} records, {moved} partitions moved when one silo left at {stoppedAt.TotalSeconds:F1} s, " +
            $"converged at {clock.Elapsed.TotalSeconds:F1} s");
    }
}
