using CineMatch.Counting;
using CineMatch.Statistics;
using CineMatch.Statistics.MongoDB;
using CineMatch.Tests.MongoDB;
using MongoDB.Bson;
using MongoDB.Driver;
using static CineMatch.Tests.Support.Events;

namespace CineMatch.Tests.Reconcile;

/// <summary>
/// <c>IUserStatsGrain.ResyncFromHistoryAsync</c> on the suite's MongoDB: the list follows <c>movies</c> (lost adds,
/// deletes and ratings repaired), the counters get exactly the changes, and a repeat changes nothing.
/// </summary>
[Collection(MongoServerCollection.Name)]
public sealed class ResyncGrainTests(MongoServer server)
{
    private readonly IMongoDatabase _database = server.NewDatabase();

    private IMongoCollection<BsonDocument> Movies => _database.GetCollection<BsonDocument>(CollectionNames.Movies);

    [Fact]
    public async Task Resync_repairs_lost_adds_deletes_and_ratings_and_moves_each_counter_exactly_once()
    {
        await using var silo = await MongoSilo.StartAsync(server, _database, "resync-" + Guid.NewGuid().ToString("N")[..8], bootstrap: false);
        await silo.AddAsync("alice", "Alien", 1979, T0);
        await silo.AddAsync("alice", "Heat", 1995, T0.AddMinutes(1));
        await silo.AddAsync("bob", "Heat", 1995, T0.AddMinutes(2));

        // Behind the stream's back: Heat deleted (its DELETE lost), Alien re-rated, Ran added (its ADD lost).
        await Movies.DeleteOneAsync(Builders<BsonDocument>.Filter.And(Builders<BsonDocument>.Filter.Eq("user_id", "alice"), Builders<BsonDocument>.Filter.Eq("name", "Heat")));
        await Movies.UpdateOneAsync(Builders<BsonDocument>.Filter.Eq("name", "Alien"), Builders<BsonDocument>.Update.Set("rating", 1));
        await MoviesCollection.InsertAsync(_database, [MoviesCollection.Film("alice", new WatchedFilm { Name = "Ran", Year = 1985, Rating = 5 }, T0.AddMinutes(3))]);
        var alice = silo.Grains.GetGrain<IUserStatsGrain>("alice");
        var heatBefore = await Tally("heat|1995");

        await alice.ResyncFromHistoryAsync();

        var stats = (await alice.GetStatsAsync())!;
        Assert.Equal((2, 3.0), (stats.TotalWatched, stats.AvgRating));
        // No watch dates: list order, which is added_at.
        Assert.Equal(["Alien", "Ran"], stats.RecentMovies.Select(film => film.Name));
        Assert.Equal((1L, heatBefore.Version + 1), ((await Tally("heat|1995")).Users, (await Tally("heat|1995")).Version));
        Assert.Equal(1L, (await Tally("ran|1985")).Users);
        var stored = await _database.GetCollection<BsonDocument>(CollectionNames.UserStats).Find(Builders<BsonDocument>.Filter.Eq("user_id", "alice")).SingleAsync();
        Assert.Equal(2, stored["total_watched"].ToInt32());

        // Again, with nothing new in movies: no counter moves.
        var ranVersion = (await Tally("ran|1985")).Version;
        await alice.ResyncFromHistoryAsync();
        Assert.Equal((heatBefore.Version + 1, ranVersion), ((await Tally("heat|1995")).Version, (await Tally("ran|1985")).Version));

        Task<CounterTally> Tally(string key) => silo.Grains.GetGrain<IMovieCounterGrain>(key).GetTallyAsync();
    }
}
