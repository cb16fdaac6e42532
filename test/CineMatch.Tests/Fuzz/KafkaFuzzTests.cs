using System.Diagnostics;
using CineMatch.Catalog;
using CineMatch.Hosting.InMemory;
using CineMatch.Silo.Commands;
using CineMatch.Tests.Kafka;
using CineMatch.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CineMatch.Tests.Fuzz;

/// <summary>
/// Fuzzed records straight into a Kafka topic (raw bytes, key = user_id when there is one), read by the real
/// provider and grains: nothing crashes, every partition is committed to its end, each bad record is exactly one
/// dead letter at its partition and offset, and the documents are the replay's for the same log.
/// </summary>
[Trait("Category", "Fuzz")]
[Collection(KafkaCollection.Name)]
public sealed class KafkaFuzzTests(KafkaBrokerFixture kafka, ITestOutputHelper output)
{
    private const int CiEvents = 2_000;

    [Fact]
    public async Task Fuzzed_records_leave_no_partition_stuck_one_dead_letter_per_bad_record_and_the_replays_documents()
    {
        var clock = Stopwatch.StartNew();
        var log = FuzzLog.FromEnvironment(CiEvents);
        var deadline = TimeSpan.FromSeconds(30 + log.Cases.Count / 100);
        var catalog = await FuzzLog.Golden.CatalogAsync();
        var expected = await ReplayAsync(catalog, log);

        var silos = new KafkaSilos(kafka, partitions: 8) { RealGrains = true, Catalog = catalog };
        await using var cluster = await silos.StartAsync(silos: 1);
        var positions = await silos.ProduceRawAsync(log.Cases.Select(c => (c.Key, c.Value)));

        await Eventually.TrueAsync(() => silos.Committed().SequenceEqual(silos.HighWatermarks()), deadline,
            () => $"{log}: every partition committed to its end; committed {Show(silos.Committed())}, ends {Show(silos.HighWatermarks())}");

        var store = cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<InMemoryStatisticsStore>()).Single();
        var bad = Enumerable.Range(0, log.Cases.Count)
            .Select(i => (Case: log.Cases[i], Position: $"{positions[i].Partition.Value}:{positions[i].Offset.Value}", Rejection: KafkaClassification.RejectionOf(log.Cases[i], log)))
            .ToList();
        var deadLetters = store.DeadLetters.GroupBy(d => $"{d.Partition}:{d.Offset}").ToDictionary(g => g.Key, g => g.ToList());
        var wrong = new List<string>();
        foreach (var (fuzzCase, position, rejection) in bad)
        {
            deadLetters.TryGetValue(position, out var letters);
            var count = letters?.Count ?? 0;
            if (rejection is null ? count != 0 : count != 1)
            {
                wrong.Add($"{position}: {count} dead letter(s) for a record the Kafka path {(rejection is null ? "applies" : "rejects")}: {fuzzCase.Describe()}");
            }
            else if (fuzzCase.Expected == FuzzExpectation.Bad && count == 0 || fuzzCase.Expected == FuzzExpectation.Valid && count != 0)
            {
                wrong.Add($"{position}: {(count == 0 ? "applied" : "dead-lettered")}, but the event is {fuzzCase.Expected}: {fuzzCase.Describe()} {rejection}");
            }
            else if (count == 1 && fuzzCase.Field is { } field && !letters![0].Reason.Contains(field, StringComparison.Ordinal))
            {
                wrong.Add($"{position}: the dead letter's reason does not name {field}: {letters[0].Reason}: {fuzzCase.Describe()}");
            }
        }

        Assert.True(wrong.Count == 0, $"{log}: {wrong.Count} record(s) handled wrongly:\n{string.Join("\n", wrong.Take(20))}");
        Assert.Equal(bad.Count(b => b.Rejection is not null), store.DeadLetters.Count);

        var trends = cluster.Client.GetGrain<IGlobalTrendsGrain>(0);
        var stored = Outcome.Of(store);
        await Eventually.TrueAsync(
            async () =>
            {
                await trends.FlushAsync();
                stored = Outcome.Of(store);
                return stored == expected.Documents;
            },
            TimeSpan.FromSeconds(30),
            () => $"{log}: the documents to be the replay's:\n{Outcome.Differences(expected.Documents, stored)}");
        Assert.True(expected.LateEvents == store.LateEvents.Count, $"{log}: {store.LateEvents.Count} late events, the replay had {expected.LateEvents}");

        var rejected = bad.Count(b => b.Rejection is not null);
        output.WriteLine($"{log}: {log.Cases.Count - rejected} valid, {rejected} bad, {store.DeadLetters.Count} dead letters, " +
            $"{expected.LateEvents} late, {store.UserStats.Count} users, differences 0, {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>The same log through the replay command's in-memory silo, in log order.</summary>
    private static async Task<(Outcome Documents, int LateEvents)> ReplayAsync(IReadOnlyList<CineMatch.Catalog.CatalogMovie> catalog, FuzzLog log)
    {
        using var host = ReplayCommand.BuildHost(catalog);
        await host.StartAsync();
        await ReplayCommand.ReplayAsync(host.Services, [.. log.Cases.Select(c => c.Value)]);
        var store = host.Services.GetRequiredService<InMemoryStatisticsStore>();
        var outcome = (Outcome.Of(store), store.LateEvents.Count);
        await host.StopAsync();
        return outcome;
    }

    private static string Show(Dictionary<int, long> offsets) => string.Join(" ", offsets.OrderBy(p => p.Key).Select(p => $"{p.Key}:{p.Value}"));
}
