using System.Text.Json;
using System.Text.Json.Nodes;
using CineMatch.Hosting.InMemory;
using CineMatch.Persistence.MongoDB;
using CineMatch.Statistics.MongoDB;
using CineMatch.Wire;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Tests.Support;

/// <summary>
/// The documents a run produced, as JSON, in the shape <see cref="GoldenScenario.AssertMatches(GoldenDocuments, Func{int?, long?, long}?)"/>
/// compares: from the in-memory store, from a MongoDB database, or from the replay command's output folder.
/// Dead letters and late events keep their <c>partition</c> and <c>offset</c>, which the comparison maps to log lines.
/// </summary>
public sealed record GoldenDocuments(
    IReadOnlyList<JsonObject> UserStats,
    IReadOnlyList<JsonObject> MovieCounts,
    JsonObject? GlobalStats,
    IReadOnlyList<JsonObject> DeadLetters,
    IReadOnlyList<JsonObject> LateEvents,
    IReadOnlyList<JsonObject> UserAffinities)
{
    public static GoldenDocuments Of(InMemoryStatisticsStore store) => new(
        [.. store.UserStats.Values.Select(Node)],
        [.. store.MovieCounts.Values.Select(Node)],
        store.GlobalStats is null ? null : Node(store.GlobalStats),
        [.. store.DeadLetters.Select(Node)],
        [.. store.LateEvents.Select(Node)],
        [.. store.UserAffinities.Values.Select(Node)]);

    /// <summary>What the MongoDB sinks stored in <paramref name="database"/>.</summary>
    public static async Task<GoldenDocuments> StoredInAsync(IMongoDatabase database)
    {
        async Task<List<JsonObject>> All(string collection, FilterDefinition<BsonDocument>? filter = null) =>
            [.. (await database.GetCollection<BsonDocument>(collection).Find(filter ?? FilterDefinition<BsonDocument>.Empty).ToListAsync())
                .Select(document => BsonJson.FromBson<JsonObject>(document, DocumentJson.Options)!)];

        var global = await All(CollectionNames.GlobalStats, Builders<BsonDocument>.Filter.Eq("type", "global_trends"));
        return new GoldenDocuments(
            await All(CollectionNames.UserStats),
            await All(CollectionNames.MovieCounts),
            global.SingleOrDefault(),
            await All(CollectionNames.DeadLetters),
            await All(CollectionNames.LateEvents),
            await All(CollectionNames.UserAffinities));
    }

    /// <summary>The files the replay command writes into its <c>--out</c> folder.</summary>
    public static GoldenDocuments ReadFrom(string folder)
    {
        var global = Path.Combine(folder, "global_stats.json");
        return new GoldenDocuments(
            GoldenScenario.ReadLines(Path.Combine(folder, "user_stats.jsonl")),
            GoldenScenario.ReadLines(Path.Combine(folder, "movie_counts.jsonl")),
            File.Exists(global) ? JsonNode.Parse(File.ReadAllText(global))!.AsObject() : null,
            GoldenScenario.ReadLines(Path.Combine(folder, "dead_letters.jsonl")),
            GoldenScenario.ReadLines(Path.Combine(folder, "late_events.jsonl")),
            GoldenScenario.ReadLines(Path.Combine(folder, "user_affinities.jsonl")));
    }

    private static JsonObject Node<T>(T document) => JsonSerializer.SerializeToNode(document, DocumentJson.Options)!.AsObject();
}
