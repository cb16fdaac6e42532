using CineMatch.Events;
using CineMatch.Statistics.MongoDB;
using CineMatch.Statistics.MongoDB.Catalog;
using CineMatch.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Tests.MongoDB;

/// <summary>
/// The documents the backend shares with us (CONTRACT section 6b, CONTRACT-V6), written by the real grains to the
/// suite's MongoDB: the backend's quiz fields survive every statistics write, <c>updated_at</c> compares as the
/// backend compares it, and the V6 flat fields and <c>user_affinities</c> follow the list.
/// </summary>
[Collection(MongoServerCollection.Name)]
public sealed class MongoSharedDocumentsTests(MongoServer server) : IAsyncLifetime
{
    private static readonly string Catalog = Path.Combine(AppContext.BaseDirectory, "scenarios", "basic", "catalog.json");

    private readonly IMongoDatabase _database = server.NewDatabase();
    private IHost _silo = null!;
    private int _sequence;

    private IMongoCollection<BsonDocument> UserStats => _database.GetCollection<BsonDocument>(CollectionNames.UserStats);

    private IMongoCollection<BsonDocument> Affinities => _database.GetCollection<BsonDocument>(CollectionNames.UserAffinities);

    public async Task InitializeAsync()
    {
        await new CatalogImporter().ImportAsync(Catalog, _database, default);
        _silo = await MongoSilo.StartAsync(server, _database, "shared-docs");
    }

    public async Task DisposeAsync()
    {
        await _silo.StopAsync();
        _silo.Dispose();
    }

    [Fact]
    public async Task The_backends_quiz_fields_survive_many_statistics_writes_and_a_list_emptied_and_refilled()
    {
        await UserStats.InsertOneAsync(new BsonDocument
        {
            { "user_id", "quinn" }, { "quiz_correct_count", 7 }, { "quiz_wrong_count", 2 }, { "quiz_total_attempts", 9 }, { "last_quiz_date", "2026-01-18" },
        });

        for (var i = 0; i < 12; i++)
        {
            await SendAsync(Support.Events.Add("quinn", i % 2 == 0 ? "Alien" : "King Kong", i % 2 == 0 ? 1979 : 2005, At(), rating: 1 + (i % 5)));
            // The backend answers a quiz meanwhile, as it does: $inc and $set with upsert by user_id.
            await UserStats.UpdateOneAsync(OfUser("quinn"), new BsonDocument { { "$inc", new BsonDocument("quiz_correct_count", 1) }, { "$set", new BsonDocument("last_quiz_date", $"2026-01-{19 + (i % 5)}") } }, new UpdateOptions { IsUpsert = true });
        }

        var filled = await StoredAsync("quinn");
        Assert.Equal(19, filled["quiz_correct_count"].AsInt32);
        Assert.Equal(2, filled["quiz_wrong_count"].AsInt32);
        Assert.Equal(9, filled["quiz_total_attempts"].AsInt32);
        Assert.Equal(2, filled["total_watched"].AsInt32);
        Assert.Equal(1, await UserStats.CountDocumentsAsync(OfUser("quinn")));

        await SendAsync(Support.Events.Delete("quinn", "Alien", 1979, At()));
        await SendAsync(Support.Events.Delete("quinn", "King Kong", 2005, At()));
        var emptied = await StoredAsync("quinn");
        Assert.Equal(
            ["_id", "last_quiz_date", "quiz_correct_count", "quiz_total_attempts", "quiz_wrong_count", "user_id"],
            emptied.Names.Order(StringComparer.Ordinal));
        Assert.Equal(19, emptied["quiz_correct_count"].AsInt32);
        Assert.Equal(0, await Affinities.CountDocumentsAsync(Builders<BsonDocument>.Filter.Eq("user_id", "quinn")));

        await SendAsync(Support.Events.Add("quinn", "King Kong", 1933, At(), rating: 4));
        var refilled = await StoredAsync("quinn");
        Assert.Equal(19, refilled["quiz_correct_count"].AsInt32);
        Assert.Equal("2026-01-20", refilled["last_quiz_date"].AsString);
        Assert.Equal(1, refilled["total_watched"].AsInt32);
        Assert.Equal("King Kong", refilled["recent_movies"][0]["name"].AsString);
    }

    [Fact]
    public async Task A_user_without_backend_fields_loses_the_whole_document_when_the_list_empties()
    {
        await SendAsync(Support.Events.Add("ned", "Alien", 1979, At(), rating: 5));
        Assert.Equal(1, await UserStats.CountDocumentsAsync(OfUser("ned")));

        await SendAsync(Support.Events.Delete("ned", "Alien", 1979, At()));

        Assert.Equal(0, await UserStats.CountDocumentsAsync(OfUser("ned")));
        Assert.Equal(0, await Affinities.CountDocumentsAsync(Builders<BsonDocument>.Filter.Eq("user_id", "ned")));
    }

    [Fact]
    public async Task Updated_at_sorts_after_the_backends_own_stamp_taken_just_before_the_event_was_sent()
    {
        for (var i = 0; i < 5; i++)
        {
            var backendStamp = BackendClock.Now();
            await SendAsync(Support.Events.Add("sara", "Alien", 1979, At(), rating: 1 + i));

            var updatedAt = (await StoredAsync("sara"))["updated_at"].AsString;
            Assert.Matches(BackendClock.Shape(), updatedAt);
            Assert.True(string.CompareOrdinal(updatedAt, backendStamp) >= 0, $"updated_at {updatedAt} sorts before the backend's {backendStamp}: the user would stay \"syncing\"");
            var affinity = await Affinities.Find(Builders<BsonDocument>.Filter.Eq("_id", "sara_director_Ridley_Scott")).SingleAsync();
            Assert.Matches(BackendClock.Shape(), affinity["updated_at"].AsString);
        }
    }

    [Fact]
    public async Task The_V6_fields_and_affinities_follow_the_list_through_adds_rating_changes_and_deletes()
    {
        await SendAsync(Support.Events.Add("fran", "Alien", 1979, At(), rating: 4, date: "2026-01-02"));
        await SendAsync(Support.Events.Add("fran", "King Kong", 2005, At(), rating: 5, date: "2025-12-30"));
        await SendAsync(Support.Events.Add("fran", "King Kong", 1933, At(), rating: 3, date: "2026-01-15T21:00:00+01:00"));

        await AssertFlatFieldsAsync("fran", total: 3, sumRatings: 12, minutes: 117 + 187 + 100, """{ "3" : 1, "4" : 1, "5" : 1 }""", """{ "2025" : { "12" : 1 }, "2026" : { "01" : 2 } }""");
        await AssertAffinitiesAsync("fran", new()
        {
            ["director_Ridley_Scott"] = (1, 4), ["director_Peter_Jackson"] = (1, 5), ["director_Merian_C__Cooper"] = (1, 3),
            ["actor_Sigourney_Weaver"] = (1, 4), ["actor_Tom_Skerritt"] = (1, 4), ["actor_Naomi_Watts"] = (1, 5), ["actor_Jack_Black"] = (1, 5), ["actor_Fay_Wray"] = (1, 3),
            ["genre_Horror"] = (1, 0), ["genre_Sci-Fi"] = (1, 0), ["genre_Adventure"] = (2, 0), ["genre_Drama"] = (1, 0),
        });

        var firstWrite = await AffinityStampsAsync("fran");
        await SendAsync(Support.Events.Rate("fran", "Alien", 1979, At(), rating: 2));

        // Written only when changed: the new rating touches Alien's people, not the genres nor the other films.
        var secondWrite = await AffinityStampsAsync("fran");
        Assert.Equal(
            ["fran_actor_Sigourney_Weaver", "fran_actor_Tom_Skerritt", "fran_director_Ridley_Scott"],
            secondWrite.Where(stamp => stamp.Value != firstWrite[stamp.Key]).Select(stamp => stamp.Key).Order(StringComparer.Ordinal));
        await AssertFlatFieldsAsync("fran", total: 3, sumRatings: 10, minutes: 404, """{ "2" : 1, "3" : 1, "5" : 1 }""", """{ "2025" : { "12" : 1 }, "2026" : { "01" : 2 } }""");
        await AssertAffinitiesAsync("fran", new()
        {
            ["director_Ridley_Scott"] = (1, 2), ["director_Peter_Jackson"] = (1, 5), ["director_Merian_C__Cooper"] = (1, 3),
            ["actor_Sigourney_Weaver"] = (1, 2), ["actor_Tom_Skerritt"] = (1, 2), ["actor_Naomi_Watts"] = (1, 5), ["actor_Jack_Black"] = (1, 5), ["actor_Fay_Wray"] = (1, 3),
            ["genre_Horror"] = (1, 0), ["genre_Sci-Fi"] = (1, 0), ["genre_Adventure"] = (2, 0), ["genre_Drama"] = (1, 0),
        });

        // King Kong (2005) leaves: its director, actors and Drama fall to 0 and their documents go.
        await SendAsync(Support.Events.Delete("fran", "King Kong", 2005, At()));
        await AssertFlatFieldsAsync("fran", total: 2, sumRatings: 5, minutes: 217, """{ "2" : 1, "3" : 1 }""", """{ "2026" : { "01" : 2 } }""");
        await AssertAffinitiesAsync("fran", new()
        {
            ["director_Ridley_Scott"] = (1, 2), ["director_Merian_C__Cooper"] = (1, 3),
            ["actor_Sigourney_Weaver"] = (1, 2), ["actor_Tom_Skerritt"] = (1, 2), ["actor_Fay_Wray"] = (1, 3),
            ["genre_Horror"] = (1, 0), ["genre_Sci-Fi"] = (1, 0), ["genre_Adventure"] = (1, 0),
        });

        var indexes = await Affinities.Indexes.List().ToListAsync();
        Assert.Contains(indexes, index => index["name"] == "idx_user_type_count" && index["key"].AsBsonDocument == new BsonDocument { { "user_id", 1 }, { "type", 1 }, { "count", -1 } });
        var userIndexes = await UserStats.Indexes.List().ToListAsync();
        Assert.Contains(userIndexes, index => index["key"].AsBsonDocument == new BsonDocument("user_id", 1) && index.GetValue("unique", false).ToBoolean());
    }

    private DateTimeOffset At() => Support.Events.T0.AddSeconds(++_sequence);

    private Task SendAsync(MovieEvent movieEvent) =>
        _silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserStatsGrain>(movieEvent.UserId).ApplyAsync([new SequencedEvent(movieEvent, _sequence)]);

    private static FilterDefinition<BsonDocument> OfUser(string userId) => Builders<BsonDocument>.Filter.Eq("user_id", userId);

    private Task<BsonDocument> StoredAsync(string userId) => UserStats.Find(OfUser(userId)).SingleAsync();

    private async Task AssertFlatFieldsAsync(string userId, int total, int sumRatings, int minutes, string ratingDistribution, string monthlyCounts)
    {
        var stored = await StoredAsync(userId);
        Assert.Equal(total, stored["total_watched"].ToInt32());
        Assert.Equal(sumRatings, stored["sum_ratings"].ToInt32());
        Assert.Equal(minutes, stored["watch_time_minutes"].ToInt32());
        Assert.Equal(BsonDocument.Parse(ratingDistribution), Sorted(stored["rating_distribution"].AsBsonDocument));
        Assert.Equal(BsonDocument.Parse(monthlyCounts), Sorted(stored["monthly_counts"].AsBsonDocument));
        Assert.Equal("3.2", stored["stats_version"].AsString);
    }

    private static BsonDocument Sorted(BsonDocument document) =>
        new(document.Elements.OrderBy(element => element.Name, StringComparer.Ordinal)
            .Select(element => new BsonElement(element.Name, element.Value is BsonDocument inner ? Sorted(inner) : element.Value)));

    private async Task<Dictionary<string, string>> AffinityStampsAsync(string userId) =>
        (await Affinities.Find(Builders<BsonDocument>.Filter.Eq("user_id", userId)).ToListAsync())
            .ToDictionary(doc => doc["_id"].AsString, doc => doc["updated_at"].AsString, StringComparer.Ordinal);

    private async Task AssertAffinitiesAsync(string userId, Dictionary<string, (int Count, int SumVoti)> expected)
    {
        var stored = await Affinities.Find(Builders<BsonDocument>.Filter.Eq("user_id", userId)).ToListAsync();
        Assert.Equal(
            expected.Select(pair => $"{userId}_{pair.Key} {pair.Value.Count} {pair.Value.SumVoti}").Order(StringComparer.Ordinal),
            stored.Select(doc => $"{doc["_id"].AsString} {doc["count"].ToInt32()} {doc["sum_voti"].ToInt32()}").Order(StringComparer.Ordinal));
    }
}
