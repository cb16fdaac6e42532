using System.Diagnostics;
using CineMatch.Tests.Kafka;
using CineMatch.Tests.MongoDB;
using CineMatch.Tests.Support;
using Xunit.Abstractions;

namespace CineMatch.Tests.Resilience;

/// <summary>
/// Two silos of one cluster (membership in MongoDB) share the partitions; when one stops (orderly, or fast:
/// nothing of the stop waited for), the other takes its partitions over from the committed offsets, and the
/// documents end up exactly the replay's.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class FailoverTests(MongoServer mongo, KafkaBrokerFixture kafka, ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task When_one_of_two_silos_stops_mid_stream_the_other_finishes_with_the_documents_of_the_replay(bool fastStop)
    {
        var clock = Stopwatch.StartNew();
        var (deployment, log, expected) = await ChaosDeployment.PrepareAsync(mongo, kafka, seed: 31);
        var (before, after) = ChaosDeployment.SplitForDisturbance(log);

        await using var staying = await deployment.StartSiloAsync();
        await using var leaving = await deployment.StartSiloAsync();
        await Eventually.TrueAsync(() => staying.Partitions.Count > 0 && leaving.Partitions.Count > 0, TimeSpan.FromSeconds(60),
            () => $"partitions owned: {staying.Partitions.Count} and {leaving.Partitions.Count}");
        var moved = leaving.Partitions.Count;

        await deployment.ProduceAsync(before);
        await Eventually.TrueAsync(() => ChaosDeployment.AThirdProcessed(log, staying.Processed + leaving.Processed) && leaving.Processed > 0, TimeSpan.FromSeconds(90),
            () => $"{staying.Processed} + {leaving.Processed} of {log.Count} records processed");
        await leaving.LeaveAsync(fastStop);
        var stoppedAt = clock.Elapsed;
        await deployment.ProduceAsync(after);

        await deployment.EndsAsTheReplayAsync(expected, TimeSpan.FromSeconds(120), staying);
        Assert.Equal(ChaosDeployment.Partitions, staying.Partitions.Count);
        output.WriteLine($"failover ({(fastStop ? "fast stop" : "orderly stop")}): {log.Count} records, {moved} partitions moved when one silo left at {stoppedAt.TotalSeconds:F1} s, " +
            $"converged at {clock.Elapsed.TotalSeconds:F1} s");
    }
}
