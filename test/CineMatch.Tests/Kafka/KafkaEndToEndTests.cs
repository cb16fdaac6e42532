using CineMatch.Documents;
using CineMatch.Hosting.InMemory;
using CineMatch.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CineMatch.Tests.Kafka;

/// <summary>From a Kafka record to the user's document: the provider feeding the real grains and the in-memory store.</summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaEndToEndTests(KafkaBrokerFixture kafka)
{
    private static readonly (string Name, int Year)[] Films = [("Spirited Away", 2001), ("Alien", 1979), ("Amélie", 2001)];

    [Fact]
    public async Task Backend_records_become_user_stats_and_trends_and_a_bad_record_becomes_a_dead_letter()
    {
        const int users = 6;
        var silos = new KafkaSilos(kafka, partitions: 3) { RealGrains = true };
        await using var cluster = await silos.StartAsync(silos: 2);
        var records = Enumerable.Range(0, users)
            .SelectMany(u => Films.Select((film, i) => ($"user-{u}", FastApiRecords.Json($"user-{u}", film.Name, second: i, film.Year, rating: 1 + ((u + i) % 5)))))
            .Append(("user-0", "{\"event_type\":\"ADD\",\"user_id\":\"user-0\""))
            .ToList();

        await silos.ProduceAsync(records);

        var stores = cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<InMemoryStatisticsStore>()).ToList();
        await Eventually.TrueAsync(
            () => stores.SelectMany(s => s.UserStats.Values).Count(d => d.TotalWatched == Films.Length) == users,
            TimeSpan.FromSeconds(30), () => $"{stores.Sum(s => s.UserStats.Count)} user documents so far");
        var deadLetter = Assert.Single(stores.SelectMany(s => s.DeadLetters));
        Assert.StartsWith("{\"event_type\":\"ADD\"", deadLetter.Raw);
        Assert.NotNull(deadLetter.Offset);

        // A user's document is written before its changes reach the counters: wait for those too.
        var trends = cluster.Client.GetGrain<IGlobalTrendsGrain>(0);
        GlobalStatsDocument? snapshot = null;
        await Eventually.TrueAsync(
            async () => (snapshot = await trends.GetSnapshotAsync()).TotalUsers == users && snapshot.TotalEntries == users * Films.Length,
            TimeSpan.FromSeconds(30), () => $"trends of {users} users and {users * Films.Length} entries, not {snapshot?.TotalUsers} and {snapshot?.TotalEntries}");

        // Every record's effects are durable in the grains' state, so the whole log is committed.
        await Eventually.TrueAsync(() => silos.Committed().SequenceEqual(silos.HighWatermarks()), TimeSpan.FromSeconds(10),
            () => "the log was not committed to the end");
    }
}
