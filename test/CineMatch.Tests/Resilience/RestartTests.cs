using System.Diagnostics;
using CineMatch.Tests.Kafka;
using CineMatch.Tests.MongoDB;
using CineMatch.Tests.Support;
using Xunit.Abstractions;

namespace CineMatch.Tests.Resilience;

/// <summary>
/// EXACTNESS end to end: a silo on Kafka and MongoDB is stopped in the middle of the stream (orderly, or fast:
/// nothing of the stop waited for), a new one takes over the same broker, consumer group and database, and the
/// documents end up exactly the replay's — every event applied, nothing counted twice.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class RestartTests(MongoServer mongo, KafkaBrokerFixture kafka, ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_silo_stopped_mid_stream_and_replaced_leaves_the_documents_of_the_replay(bool fastStop)
    {
        var clock = Stopwatch.StartNew();
        var (deployment, log, expected) = await ChaosDeployment.PrepareAsync(mongo, kafka, seed: fastStop ? 21 : 22);
        var (before, after) = ChaosDeployment.SplitForDisturbance(log);
        await using var first = await deployment.StartSiloAsync();
        await deployment.ProduceAsync(before);
        await Eventually.TrueAsync(() => ChaosDeployment.AThirdProcessed(log, first.Processed), TimeSpan.FromSeconds(90),
            () => $"{first.Processed} of {log.Count} records processed by the first silo");
        var processedAtStop = first.Processed;
        await first.LeaveAsync(fastStop);

        var stoppedAt = clock.Elapsed;
        await using var second = await deployment.StartSiloAsync(first.Ports);
        await deployment.ProduceAsync(after);
        await deployment.EndsAsTheReplayAsync(expected, TimeSpan.FromSeconds(120), second);
        output.WriteLine($"restart ({(fastStop ? "fast stop" : "orderly stop")}): {log.Count} records, {processedAtStop} processed when the first silo went " +
            $"at {stoppedAt.TotalSeconds:F1} s, converged at {clock.Elapsed.TotalSeconds:F1} s");
    }
}
