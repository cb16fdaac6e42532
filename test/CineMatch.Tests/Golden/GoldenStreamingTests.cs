using System.Diagnostics;
using CineMatch.Tests.Kafka;
using CineMatch.Tests.MongoDB;
using CineMatch.Tests.Resilience;
using CineMatch.Tests.Support;

namespace CineMatch.Tests.Golden;

/// <summary>
/// The whole production path against the golden oracle: the golden log as the backend's records in a Kafka topic
/// of several partitions, the Kafka stream provider, the real grains with MongoDB for their state, and the MongoDB
/// sinks. What MongoDB ends up holding must be exactly what the independent implementation computed.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class GoldenStreamingTests(MongoServer mongo, KafkaBrokerFixture kafka)
{
    [Fact]
    public async Task The_streaming_path_stores_exactly_the_golden_documents()
    {
        var clock = Stopwatch.StartNew();
        var golden = GoldenScenario.Load("messy-120");
        var deployment = new ChaosDeployment(mongo, kafka);
        await deployment.ImportCatalogAsync(golden.CatalogPath);
        await using var silo = await deployment.StartSiloAsync();

        // In a few parts while the silo runs, so that users' events arrive in several batches.
        var landed = new List<Confluent.Kafka.TopicPartitionOffset>();
        foreach (var part in golden.Records.Chunk(800))
        {
            landed.AddRange(await deployment.ProduceAsync(part));
        }

        // Golden offsets are lines of the log; each partition numbers its records from 0.
        var lineOf = landed.Select((position, line) => (position, line)).ToDictionary(x => (x.position.Partition.Value, x.position.Offset.Value), x => (long)x.line);
        Assert.True(landed.Select(position => position.Partition.Value).Distinct().Count() > 1, "the records landed on one partition only");

        await golden.AssertConvergesAsync(
            () => GoldenDocuments.StoredInAsync(deployment.Database),
            // The emulator is single-threaded and scans a collection per write; user_affinities (4,674 documents
            // here) made a run on 2 busy cores take some 160 s.
            TimeSpan.FromMinutes(6),
            (partition, offset) => partition is { } p && offset is { } o && lineOf.TryGetValue((p, o), out var line) ? line : -1);
        Console.WriteLine($"golden streaming: {landed.Count} records over {ChaosDeployment.Partitions} partitions, matched at {clock.Elapsed.TotalSeconds:F1} s");
    }
}
