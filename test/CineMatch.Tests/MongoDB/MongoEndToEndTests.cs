using System.Text.Json.Nodes;
using CineMatch.Events;
using CineMatch.Persistence.MongoDB;
using CineMatch.Statistics.MongoDB.Catalog;
using CineMatch.Silo.Commands;
using CineMatch.Statistics.MongoDB;
using CineMatch.Tests.Support;
using CineMatch.Wire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MongoDB.Bson;
using MongoDB.Driver;
using Orleans.Configuration;

namespace CineMatch.Tests.MongoDB;

/// <summary>
/// The real grains on a silo switched to MongoDB with <c>UseMongoDB</c>: catalog, grain state, clustering,
/// sinks and history all in one database.
/// </summary>
[Collection(MongoServerCollection.Name)]
public sealed class MongoEndToEndTests(MongoServer server) : IAsyncLifetime
{
    private static readonly string Scenario = Path.Combine(AppContext.BaseDirectory, "scenarios", "basic");

    private readonly IMongoDatabase _database = server.NewDatabase();
    private IHost _silo = null!;

    public async Task InitializeAsync()
    {
        // The catalog reaches the silo the production way: imported into movies_catalog, loaded by the MongoDB source.
        await new CatalogImporter().ImportAsync(Path.Combine(Scenario, "catalog.json"), _database, default);

        _silo = await MongoSilo.StartAsync(server, _database, "e2e");
    }

    public async Task DisposeAsync()
    {
        await _silo.StopAsync();
        _silo.Dispose();
    }

    [Fact]
    public async Task Replaying_the_scenario_stores_the_documents_the_replay_command_writes()
    {
        await ReplayCommand.ReplayAsync(_silo.Services, await File.ReadAllLinesAsync(Path.Combine(Scenario, "events.jsonl")));

        // As the replay command's own test compares them: times and reasons are free text, and MongoDB adds ids.
        AssertSame("user_stats.jsonl", await StoredAsync(CollectionNames.UserStats, "user_id"), "_id", "updated_at");
        AssertSame("global_stats.json", await StoredAsync(CollectionNames.GlobalStats, "type"), "_id", "updated_at");
        AssertSame("movie_counts.jsonl", await StoredAsync(CollectionNames.MovieCounts, "_id"), "updated_at");
        AssertSame("dead_letters.jsonl", await StoredAsync(CollectionNames.DeadLetters, "offset"), "_id", "reason", "time");
        AssertSame("late_events.jsonl", await StoredAsync(CollectionNames.LateEvents, "offset"), "_id", "raw", "reason", "time");

        // The grains' own state went to MongoDB too, readable.
        var lists = _database.GetCollection<BsonDocument>("grains_userstats_list");
        Assert.True(await lists.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty) > 0);
    }

    [Fact]
    public async Task A_new_user_is_seeded_from_the_backend_movies_collection()
    {
        await _database.GetCollection<BsonDocument>(CollectionNames.Movies).InsertManyAsync(
        [
            new BsonDocument { { "user_id", "carol" }, { "name", "Alien" }, { "year", 1979 }, { "rating", 5 }, { "date", "2026-01-02" }, { "added_at", new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc) } },
            new BsonDocument { { "user_id", "carol" }, { "name", "Heat" }, { "year", 1995 }, { "rating", 4 }, { "date", "2026-01-03" }, { "added_at", "2026-01-03T00:00:00Z" } },
        ]);

        var carol = _silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserStatsGrain>("carol");
        await carol.ApplyAsync([new SequencedEvent(Support.Events.Add("carol", "Ran", 1985, Support.Events.T0, rating: 3, date: "2026-01-19"), 0)]);

        var stored = await _database.GetCollection<BsonDocument>(CollectionNames.UserStats).Find(Builders<BsonDocument>.Filter.Eq("user_id", "carol")).SingleAsync();
        Assert.Equal(3, stored["total_watched"].AsInt32);
        Assert.Equal(["Ran", "Heat", "Alien"], stored["recent_movies"].AsBsonArray.Select(film => film["name"].AsString));
        Assert.Equal(4, stored["avg_rating"].ToDouble());
    }

    private async Task<List<JsonObject>> StoredAsync(string collection, string orderBy)
    {
        var documents = await _database.GetCollection<BsonDocument>(collection).Find(FilterDefinition<BsonDocument>.Empty)
            .Sort(Builders<BsonDocument>.Sort.Ascending(orderBy))
            .ToListAsync();
        return documents.Select(document => BsonJson.FromBson<JsonObject>(document, DocumentJson.Options)!).ToList();
    }

    private static void AssertSame(string file, List<JsonObject> stored, params string[] ignore)
    {
        var path = Path.Combine(Scenario, "expected", file);
        List<JsonObject> expected = file.EndsWith(".jsonl", StringComparison.Ordinal)
            ? File.ReadAllLines(path).Where(line => line.Length > 0).Select(line => JsonNode.Parse(line)!.AsObject()).ToList()
            : [JsonNode.Parse(File.ReadAllText(path))!.AsObject()];
        foreach (var document in expected.Concat(stored))
        {
            foreach (var name in ignore)
            {
                document.Remove(name);
            }
        }

        Assert.Equal(expected.Count, stored.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(expected[i], stored[i]), $"{file}, document {i}:\nexpected {expected[i].ToJsonString()}\nstored   {stored[i].ToJsonString()}");
        }
    }
}
