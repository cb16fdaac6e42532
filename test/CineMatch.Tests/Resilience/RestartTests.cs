using System.Diagnostics;
using CineMatch.Tests.Kafka;
using CineMatch.Tests.MongoDB;
using CineMatch.Tests.Support;

namespace CineMatch.Tests.Resilience;

/// <summary>
/// EXACTNESS end to end: a silo on Kafka and MongoDB is stopped in the middle of the stream (orderly, or killed),
/// a new one takes over the same broker, consumer group and database, and the documents end up exactly the
/// replay's — every event applied, nothing counted twice.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class RestartTests(MongoServer mongo, KafkaBrokerFixture kafka)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_silo_stopped_mid_stream_and_replaced_leaves_the_documents_of_the_replay(bool kill)
    {
        var clock = Stopwatch.StartNew();
        var (deployment, log, expected) = await ChaosDeployment.PrepareAsync(mongo, kafka, seed: kill ? 21 : 22);
        await using var first = await deployment.StartSiloAsync();
        var producing = deployment.ProduceLiveAsync(log, chunks: 20, pause: TimeSpan.FromMilliseconds(400));
        await Eventually.TrueAsync(() => first.Processed >= log.Count / 3, TimeSpan.FromSeconds(30),
            () => $"{first.Processed} of {log.Count} records processed by the first silo");
        var processedAtStop = first.Processed;
        Assert.False(producing.IsCompleted, "the whole log was produced before the stop");
        await first.LeaveAsync(kill);

        var stoppedAt = clock.Elapsed;
        await using var second = await deployment.StartSiloAsync(first.Ports);
        await deployment.EndsAsTheReplayAsync(producing, expected, TimeSpan.FromSeconds(40));
        Console.WriteLine($"restart ({(kill ? "kill" : "orderly stop")}): {log.Count} records, {processedAtStop} processed when the first silo went " +
            $"at {stoppedAt.TotalSeconds:F1} s, converged at {clock.Elapsed.TotalSeconds:F1} s");
    }
}
