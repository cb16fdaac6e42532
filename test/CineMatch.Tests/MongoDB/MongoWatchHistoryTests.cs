using CineMatch.Events;
using CineMatch.Persistence.MongoDB;
using CineMatch.Statistics.MongoDB.History;
using CineMatch.Statistics.MongoDB;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Tests.MongoDB;

/// <summary>A user's films in the backend's <c>movies</c> collection become RECALCULATE events in the order they were added.</summary>
[Collection(MongoServerCollection.Name)]
public sealed class MongoWatchHistoryTests(MongoServer server)
{
    private readonly IMongoDatabase _database = server.NewDatabase();

    [Fact]
    public async Task The_backend_films_of_a_user_become_recalculate_events_stamped_with_added_at()
    {
        var addedLater = ObjectId.Parse("69800000e4a1b2c3d4e5f601");
        await _database.GetCollection<BsonDocument>(CollectionNames.Movies).InsertManyAsync(
        [
            new BsonDocument
            {
                { "user_id", "alice" }, { "name", "Heat" }, { "year", 1995 }, { "rating", 4.0 }, { "date", "2026-01-20" },
                { "imdb_id", "tt0113277" }, { "poster_url", "https://posters/heat.jpg" }, { "added_at", "2026-01-20T10:00:00.123456+01:00" },
            },
            new BsonDocument
            {
                { "user_id", "alice" }, { "name", "Alien" }, { "year", 1979 }, { "rating", 5 }, { "date", new DateTime(2026, 1, 19, 0, 0, 0, DateTimeKind.Utc) },
                { "imdb_id", BsonNull.Value }, { "added_at", new DateTime(2026, 1, 19, 21, 4, 11, 532, DateTimeKind.Utc) },
            },
            new BsonDocument { { "_id", addedLater }, { "user_id", "alice" }, { "name", "Ran" } },
            new BsonDocument { { "user_id", "bob" }, { "name", "Alien" }, { "added_at", "2026-01-01T00:00:00Z" } },
            new BsonDocument { { "user_id", "alice" }, { "year", 2000 }, { "added_at", "2026-01-01T00:00:00Z" } },
        ]);

        var events = await new MongoWatchHistorySource(
                Options.Create(new MongoDBHistoryOptions { Client = server.Client(), DatabaseName = _database.DatabaseNamespace.DatabaseName }))
            .LoadAsync("alice", default);

        Assert.All(events, e => Assert.Equal((MovieEventType.Recalculate, "alice"), (e.Type, e.UserId)));
        Assert.Equal(["Alien", "Heat", "Ran"], events.Select(e => e.Movie.Name));
        Assert.Equal(new DateTimeOffset(2026, 1, 19, 21, 4, 11, 532, TimeSpan.Zero), events[0].Timestamp);
        Assert.Equal(DateTimeOffset.Parse("2026-01-20T10:00:00.123456+01:00", System.Globalization.CultureInfo.InvariantCulture), events[1].Timestamp);
        Assert.Equal(new DateTimeOffset(addedLater.CreationTime, TimeSpan.Zero), events[2].Timestamp);
        Assert.Equal(new MovieInfo { Name = "Alien", Year = 1979, Rating = 5, Date = "2026-01-19" }, events[0].Movie);
        Assert.Equal(new MovieInfo { Name = "Heat", Year = 1995, Rating = 4, Date = "2026-01-20", ImdbId = "tt0113277" }, events[1].Movie);
    }

    [Fact]
    public async Task A_user_without_films_has_no_history()
    {
        var source = new MongoWatchHistorySource(
            Options.Create(new MongoDBHistoryOptions { Client = server.Client(), DatabaseName = _database.DatabaseNamespace.DatabaseName }));

        Assert.Empty(await source.LoadAsync("nobody", default));
    }
}
