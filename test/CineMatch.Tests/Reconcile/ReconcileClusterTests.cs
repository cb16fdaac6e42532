using CineMatch.Counting;
using CineMatch.Statistics;
using CineMatch.Statistics.MongoDB;
using CineMatch.Tests.MongoDB;
using MongoDB.Bson;
using MongoDB.Driver;
using static CineMatch.Tests.Support.Events;

namespace CineMatch.Tests.Reconcile;

/// <summary>
/// <c>reconcile --apply</c> against a running cluster: the grains adopt <c>movies</c>, so the cluster's next writes keep
/// the repair; events sent while it runs end applied exactly once; a late event the stream set aside is reflected.
/// And <c>IUserStatsGrain.ResyncFromHistoryAsync</c>, the adoption both reconcile and the bootstrap use.
/// </summary>
[Collection(MongoServerCollection.Name)]
public sealed class ReconcileClusterTests(MongoServer server)
{
    private readonly IMongoDatabase _database = server.NewDatabase();
    private readonly string _clusterId = "reconcile-" + Guid.NewGuid().ToString("N")[..8];

    private IMongoCollection<BsonDocument> Movies => _database.GetCollection<BsonDocument>(CollectionNames.Movies);

    private IMongoCollection<BsonDocument> Affinities => _database.GetCollection<BsonDocument>(CollectionNames.UserAffinities);

    [Fact]
    public async Task Apply_makes_the_cluster_adopt_movies_and_events_during_the_run_are_applied_once()
    {
        await using var silo = await MongoSilo.StartAsync(server, _database, _clusterId, bootstrap: false);
        await silo.AddAsync("alice", "Alien", 1979, T0);
        await silo.AddAsync("alice", "Heat", 1995, T0.AddMinutes(1));
        await silo.AddAsync("bob", "Alien", 1979, T0.AddMinutes(2));
        await silo.AddAsync("bob", "Dune", 2021, T0.AddHours(3));
        await silo.FlushTrendsAsync();
        var run = new ReconcileRun(server, _database, _clusterId);
        var (agreeExit, agree) = await run.RunAsync();
        Assert.True(agreeExit == 0, $"the streaming path and reconcile disagree before any drift: {agree.ToJsonString()}");

        // A lost event: the backend stored the film, the event never came.
        await MoviesCollection.InsertAsync(_database, [MoviesCollection.Film("alice", new WatchedFilm { Name = "Ran", Year = 1985, Rating = 5 }, T0.AddMinutes(5))]);
        // A late event: older than bob's watermark (3 h ahead), set aside in late_events; movies holds the film.
        await silo.AddAsync("bob", "Solaris", 1972, T0.AddMinutes(3));
        Assert.Equal(1, await _database.GetCollection<BsonDocument>(CollectionNames.LateEvents).CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));

        // Events while the run goes on, for a user it may have passed already and for one it has not seen.
        var during = Task.Run(async () =>
        {
            await silo.AddAsync("alice", "Brazil", 1985, T0.AddHours(1));
            await silo.AddAsync("carol", "Heat", 1995, T0.AddHours(1));
            await silo.AddAsync("alice", "Casablanca", 1942, T0.AddHours(2));
        });
        var (exitCode, report) = await run.RunAsync("--apply");
        await during;

        Assert.Equal(0, exitCode);
        Assert.StartsWith($"cluster {_clusterId}:", (string)report["cluster"]!);
        Assert.Contains("alice", ReconcileRun.Named(report, "users", "user_id").Select(named => named.Split(' ')[0]));
        Assert.Contains("bob", ReconcileRun.Named(report, "users", "user_id").Select(named => named.Split(' ')[0]));

        // The cluster's next writes keep the repair: a later event for alice rewrites her statistics from the adopted list.
        await silo.AddAsync("alice", "Zelig", 1983, T0.AddHours(2).AddMinutes(1));
        await silo.FlushTrendsAsync();
        var alice = await silo.Grains.GetGrain<IUserStatsGrain>("alice").GetStatsAsync();
        Assert.Equal(["Alien", "Brazil", "Casablanca", "Heat", "Ran", "Zelig"], alice!.RecentMovies.Select(film => film.Name).Order(StringComparer.Ordinal));
        Assert.Equal(3, (await silo.Grains.GetGrain<IUserStatsGrain>("bob").GetStatsAsync())!.TotalWatched);
        var global = await silo.Grains.GetGrain<IGlobalTrendsGrain>(0).GetSnapshotAsync();
        Assert.Equal((3L, 10L), (global.TotalUsers, global.TotalEntries));

        // Every stored document equals what movies gives, counts included: nothing lost, nothing counted twice.
        var (finalExit, final) = await run.RunAsync();
        Assert.True(finalExit == 0, $"drift after the repair and the cluster's next writes: {final.ToJsonString()}");
    }

    [Fact]
    public async Task Users_repaired_while_no_cluster_ran_are_resynced_at_the_next_start()
    {
        await using (var first = await MongoSilo.StartAsync(server, _database, _clusterId, bootstrap: false))
        {
            await first.AddAsync("alice", "Alien", 1979, T0);
        }

        await MoviesCollection.InsertAsync(_database, [MoviesCollection.Film("alice", new WatchedFilm { Name = "Ran", Year = 1985 }, T0.AddMinutes(1))]);
        var (exitCode, report) = await new ReconcileRun(server, _database, _clusterId).RunAsync("--apply");
        Assert.Equal(0, exitCode);
        Assert.StartsWith("none running", (string)report["cluster"]!);
        var store = new Statistics.MongoDB.Reconcile.MongoReconcileStore(_database);
        Assert.Equal(["alice"], await store.PendingResyncAsync(default));
        // The walk of every user is done already: only the pending path can repair alice's grain.
        await store.SaveBootstrapMarkerAsync(new Statistics.MongoDB.Reconcile.BootstrapMarker(true, "alice", 1), DateTimeOffset.UtcNow, default);

        await using var second = await MongoSilo.StartAsync(server, _database, _clusterId, bootstrap: true);

        await Support.Eventually.TrueAsync(async () => (await store.PendingResyncAsync(default)).Count == 0, "the next start to resync the pending users", TimeSpan.FromMinutes(1));
        await second.AddAsync("alice", "Zelig", 1983, T0.AddMinutes(2));
        Assert.Equal(["Alien", "Ran", "Zelig"], (await second.Grains.GetGrain<IUserStatsGrain>("alice").GetStatsAsync())!.RecentMovies.Select(film => film.Name));
    }

    /// <summary>
    /// A resync leaves <c>user_affinities</c> as the grain's list gives them whatever the collection held before: a
    /// reconcile that read <c>movies</c> before the grain's last events writes figures the grain's ledger would
    /// otherwise take for its own, and the grain's later writes would never correct them.
    /// </summary>
    [Fact]
    public async Task Resync_rewrites_affinities_written_behind_the_grains_back()
    {
        await using var silo = await MongoSilo.StartAsync(server, _database, "resync-" + Guid.NewGuid().ToString("N")[..8], bootstrap: false);
        await MoviesCollection.InsertAsync(_database, [MoviesCollection.Film("alice", new WatchedFilm { Name = "Ran", Year = 1985, Rating = 4, Genres = ["Drama"] }, T0)]);
        var alice = silo.Grains.GetGrain<IUserStatsGrain>("alice");
        await alice.ResyncFromHistoryAsync();
        Assert.Equal(1, await DramaCountAsync());

        await Affinities.UpdateOneAsync(Builders<BsonDocument>.Filter.Eq("_id", "alice_genre_Drama"), Builders<BsonDocument>.Update.Set("count", 5));
        await alice.ResyncFromHistoryAsync();

        Assert.Equal(1, await DramaCountAsync());

        async Task<int> DramaCountAsync() =>
            (await Affinities.Find(Builders<BsonDocument>.Filter.Eq("_id", "alice_genre_Drama")).SingleAsync())["count"].ToInt32();
    }

    /// <summary>The adoption itself, one grain: the list follows movies, the counters get exactly the changes, a repeat changes nothing.</summary>
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
