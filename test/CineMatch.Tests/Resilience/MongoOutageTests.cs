using System.Diagnostics;
using CineMatch.Tests.Kafka;
using CineMatch.Tests.MongoDB;
using CineMatch.Tests.Support;

namespace CineMatch.Tests.Resilience;

/// <summary>
/// MongoDB goes away for a few seconds in the middle of the stream (every connection of the silo reset, new ones
/// refused): the grains wait and retry, no valid event is set aside, none is lost, and the documents converge
/// to the replay's once MongoDB is back.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class MongoOutageTests(MongoServer mongo, KafkaBrokerFixture kafka)
{
    [Fact]
    public async Task An_outage_of_MongoDB_mid_stream_loses_nothing_and_dead_letters_nothing()
    {
        var clock = Stopwatch.StartNew();
        var (deployment, log, expected) = await ChaosDeployment.PrepareAsync(mongo, kafka, seed: 41);

        await using var silo = await deployment.StartSiloAsync();
        var producing = deployment.ProduceLiveAsync(log, chunks: 20, pause: TimeSpan.FromMilliseconds(400));
        await Eventually.TrueAsync(() => silo.Processed >= log.Count / 4, TimeSpan.FromSeconds(30),
            () => $"{silo.Processed} of {log.Count} records processed");

        silo.MongoLink.Cut();
        var cutAt = silo.Processed;
        Assert.False(producing.IsCompleted, "the whole log was produced before MongoDB went away");
        await Task.Delay(TimeSpan.FromSeconds(5));
        var duringCut = silo.Processed - cutAt;
        silo.MongoLink.Restore();

        await deployment.EndsAsTheReplayAsync(producing, expected, TimeSpan.FromSeconds(45));
        Console.WriteLine($"MongoDB outage: {log.Count} records, cut for 5 s after {cutAt} ({duringCut} more completed meanwhile), " +
            $"converged at {clock.Elapsed.TotalSeconds:F1} s");
    }
}
