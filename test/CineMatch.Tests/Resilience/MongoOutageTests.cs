using System.Diagnostics;
using CineMatch.Tests.Kafka;
using CineMatch.Tests.MongoDB;
using CineMatch.Tests.Support;
using Xunit.Abstractions;

namespace CineMatch.Tests.Resilience;

/// <summary>
/// MongoDB goes away for a few seconds in the middle of the stream (every connection of the silos reset, new ones
/// refused), and one of the two silos is lost (fast-stopped) as it comes back: the other one's grains wait and retry, it takes
/// the lost silo's partitions over from their committed offsets, no valid event is set aside, none is lost, and
/// the documents converge to the replay's once MongoDB is back.
/// </summary>
/// <remarks>
/// A silo that kept working without MongoDB could keep its grains' changes in memory and save them later, so the
/// silo that stays proves only that it recovers. The lost silo proves that no offset was committed past work
/// MongoDB did not hold: its successor starts from those offsets and from what MongoDB holds, nothing else.
/// </remarks>
[Collection(ResilienceCollection.Name)]
public sealed class MongoOutageTests(MongoServer mongo, KafkaBrokerFixture kafka, ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task An_outage_of_MongoDB_mid_stream_loses_nothing_and_dead_letters_nothing()
    {
        var clock = Stopwatch.StartNew();
        var (deployment, log, expected) = await ChaosDeployment.PrepareAsync(mongo, kafka, seed: 41);
        var (before, after) = ChaosDeployment.SplitForDisturbance(log);

        await using var staying = await deployment.StartSiloAsync();
        await using var lost = await deployment.StartSiloAsync();
        await Eventually.TrueAsync(() => staying.Partitions.Count > 0 && lost.Partitions.Count > 0, TimeSpan.FromSeconds(60),
            () => $"partitions owned: {staying.Partitions.Count} and {lost.Partitions.Count}");
        await deployment.ProduceAsync(before);
        await Eventually.TrueAsync(() => ChaosDeployment.AThirdProcessed(log, staying.Processed + lost.Processed) && lost.Processed > 0, TimeSpan.FromSeconds(120),
            () => $"{staying.Processed} + {lost.Processed} of {log.Count} records processed");

        staying.MongoLink.Cut();
        lost.MongoLink.Cut();
        var cutAt = staying.Processed + lost.Processed;
        await deployment.ProduceAsync(after); // read during the outage: work that cannot be saved
        await Task.Delay(Outage); // the outage itself: how long MongoDB is away, not a wait for an observation
        var committedDuringOutage = deployment.CommittedOffsets().Values.Sum();
        staying.MongoLink.Restore();
        // It dies as MongoDB comes back: a silo stopping without MongoDB waits a minute for the membership table,
        // answering probes all along, so the other one would take its partitions over only after that minute.
        lost.MongoLink.Restore();
        await lost.LeaveAsync(fastStop: true);

        await deployment.EndsAsTheReplayAsync(expected, TimeSpan.FromSeconds(120), staying);
        output.WriteLine($"MongoDB outage: {log.Count} records, cut for {Outage.TotalSeconds} s after {cutAt} processed " +
            $"({committedDuringOutage} committed when one silo was lost), converged at {clock.Elapsed.TotalSeconds:F1} s");
    }
}
