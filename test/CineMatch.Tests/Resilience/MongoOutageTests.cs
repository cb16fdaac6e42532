using System.Diagnostics;
using CineMatch.Tests.Kafka;
using CineMatch.Tests.MongoDB;
using CineMatch.Tests.Support;
using Xunit.Abstractions;

namespace CineMatch.Tests.Resilience;

/// <summary>
/// MongoDB goes away for a few seconds in the middle of the stream (every connection of the silo reset, new ones
/// refused): the grains wait and retry, no offset is committed past work MongoDB does not hold, no valid event
/// is set aside, none is lost, and the documents converge to the replay's once MongoDB is back.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class MongoOutageTests(MongoServer mongo, KafkaBrokerFixture kafka, ITestOutputHelper output)
{
    /// <summary>How long the committed offsets must stand still before the work saved ahead of the cut counts as drained.</summary>
    private static readonly TimeSpan Drained = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task An_outage_of_MongoDB_mid_stream_loses_nothing_and_dead_letters_nothing()
    {
        var clock = Stopwatch.StartNew();
        var (deployment, log, expected) = await ChaosDeployment.PrepareAsync(mongo, kafka, seed: 41);
        var (before, after) = ChaosDeployment.SplitForDisturbance(log);

        await using var silo = await deployment.StartSiloAsync();
        await deployment.ProduceAsync(before);
        await Eventually.TrueAsync(() => ChaosDeployment.AThirdProcessed(log, silo.Processed), TimeSpan.FromSeconds(90),
            () => $"{silo.Processed} of {log.Count} records processed");

        silo.MongoLink.Cut();
        var cutAt = silo.Processed;
        // Work that reached MongoDB just before the cut may still be committed; after that, nothing can be done,
        // so the commits must stand still, even while the rest of the log arrives and is read.
        var drained = await CommitsStandStillAsync(deployment, TimeSpan.FromSeconds(30));
        await deployment.ProduceAsync(after);
        await Eventually.TrueAsync(() => silo.Partitions.Sum(partition => partition.HighWatermark) == log.Count, TimeSpan.FromSeconds(30),
            () => $"the silo has seen {silo.Partitions.Sum(partition => partition.HighWatermark)} of {log.Count} records");
        await Task.Delay(Drained); // the receivers read the new records meanwhile: a commit of them would show now
        var committedDuringCut = deployment.CommittedOffsets();
        silo.MongoLink.Restore();
        Assert.True(drained.SequenceEqual(committedDuringCut),
            $"offsets were committed while MongoDB was away, past work it does not hold: {Describe(drained)} -> {Describe(committedDuringCut)}");

        await deployment.EndsAsTheReplayAsync(expected, TimeSpan.FromSeconds(120), silo);
        output.WriteLine($"MongoDB outage: {log.Count} records, cut after {cutAt} processed (commits stood at {drained.Values.Sum()}), " +
            $"converged at {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>Waits until the committed offsets have not moved for <see cref="Drained"/>, and returns them.</summary>
    private static async Task<Dictionary<int, long>> CommitsStandStillAsync(ChaosDeployment deployment, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var committed = deployment.CommittedOffsets();
        var since = DateTime.UtcNow;
        while (DateTime.UtcNow - since < Drained)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the committed offsets kept moving for {timeout} while MongoDB was away: now {Describe(committed)}");
            await Task.Delay(250);
            var now = deployment.CommittedOffsets();
            if (!now.SequenceEqual(committed))
            {
                (committed, since) = (now, DateTime.UtcNow);
            }
        }

        return committed;
    }

    private static string Describe(Dictionary<int, long> offsets) => string.Join(" ", offsets.OrderBy(o => o.Key).Select(o => $"{o.Key}:{o.Value}"));
}
