using System.Diagnostics;
using CineMatch.Silo.Bench;
using CineMatch.Tests.Support;
using Xunit.Abstractions;

namespace CineMatch.Tests.Kafka;

/// <summary>
/// A load check with figures: a backlog read by a bare consumer (the ceiling) and then through the provider into
/// the grains. It asserts completeness only; the rates go to the test's output (shown with a detailed console logger) for the README, not asserted (shared CI cores).
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaThroughputTests(KafkaBrokerFixture kafka, ITestOutputHelper output)
{
    [Fact]
    public async Task A_backlog_of_twenty_thousand_events_arrives_complete_and_the_rates_are_reported()
    {
        const int users = 200, perUser = 100, total = users * perUser;
        var silos = new KafkaSilos(kafka, partitions: 16);
        var records = FastApiRecords.Interleaved(users, perUser);

        var clock = Stopwatch.StartNew();
        await silos.ProduceAsync(records);
        var produced = clock.Elapsed;
        var raw = RawKafkaConsumption.ReadTopic(kafka.BootstrapServers, silos.Topic, total, TimeSpan.FromSeconds(30));
        Assert.Equal(total, raw.Records);

        await using var cluster = await silos.StartAsync(silos: 1);
        clock.Restart();
        await Eventually.TrueAsync(() => silos.Scenario.DistinctDelivered == total, TimeSpan.FromSeconds(120),
            () => $"{silos.Scenario.DistinctDelivered} of {total} delivered");
        var endToEnd = clock.Elapsed;

        output.WriteLine(
            $"throughput: produce {total / produced.TotalSeconds:N0}/s, raw consume {raw.RecordsPerSecond:N0}/s, " +
            $"end-to-end into grains {total / endToEnd.TotalSeconds:N0}/s in {silos.Scenario.Batches} batches ({endToEnd.TotalSeconds:N1} s)");
        await Eventually.TrueAsync(() => silos.Committed().SequenceEqual(silos.HighWatermarks()), TimeSpan.FromSeconds(30),
            () => "the backlog was not committed to the end");
    }
}
