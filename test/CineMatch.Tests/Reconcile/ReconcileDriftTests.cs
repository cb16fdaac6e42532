using CineMatch.Statistics;
using CineMatch.Statistics.MongoDB;
using CineMatch.Tests.MongoDB;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Tests.Reconcile;

/// <summary>
/// <c>movies</c> and the stored documents disagree for a few users, films and affinities: the report names exactly those,
/// <c>--apply</c> repairs them, and a second run finds nothing (no cluster runs here).
/// </summary>
[Collection(MongoServerCollection.Name)]
public sealed class ReconcileDriftTests(MongoServer server)
{
    private readonly IMongoDatabase _database = server.NewDatabase();

    private IMongoCollection<BsonDocument> MovieCounts => _database.GetCollection<BsonDocument>(CollectionNames.MovieCounts);

    private IMongoCollection<BsonDocument> UserStats => _database.GetCollection<BsonDocument>(CollectionNames.UserStats);

    private IMongoCollection<BsonDocument> Affinities => _database.GetCollection<BsonDocument>(CollectionNames.UserAffinities);

    [Fact]
    public async Task The_report_names_exactly_the_drifted_users_films_and_fields_apply_repairs_them_and_a_second_run_finds_none()
    {
        await MoviesCollection.InsertAsync(_database,
        [
            Film("alice", "Alien", 1979, 0, rating: 5), Film("alice", "Heat", 1995, 1, rating: 4),
            Film("bob", "Alien", 1979, 0, rating: 3), Film("bob", "Ran", 1985, 1),
            Film("carol", "Heat", 1995, 0), Film("carol", "Ran", 1985, 1),
            Film("dave", "Alien", 1979, 0),
        ]);
        var run = new ReconcileRun(server, _database, "no-cluster-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.Equal(0, (await run.RunAsync("--apply")).ExitCode);
        var (cleanExit, clean) = await run.RunAsync();
        Assert.Equal((0, 4L, false), (cleanExit, (long)clean["users_checked"]!, Drifted(clean)));

        await MoviesCollection.InsertAsync(_database, [Film("alice", "Ran", 1985, 2, rating: 2)]); // its ADD event was lost upstream
        await MovieCounts.UpdateOneAsync(ById("heat|1995"), Builders<BsonDocument>.Update.Set("count", 99)); // a hand edit
        await UserStats.DeleteOneAsync(Builders<BsonDocument>.Filter.Eq("user_id", "carol"));
        await MovieCounts.InsertOneAsync(new BsonDocument { { "_id", "ghost|1999" }, { "title", "Ghost" }, { "year", 1999 }, { "count", 1 } });
        await Affinities.UpdateOneAsync(ById("bob_genre_Drama"), Builders<BsonDocument>.Update.Set("count", 7).Set("name", "drama").Set("sum_voti", 9)); // a hand edit
        await Affinities.DeleteOneAsync(ById("dave_genre_Drama"));
        // A V6 flat counter written behind our back (the old V6 job's $inc, say).
        await UserStats.UpdateOneAsync(Builders<BsonDocument>.Filter.Eq("user_id", "bob"), Builders<BsonDocument>.Update.Set("sum_ratings", 42));
        // A user who holds nothing but this document.
        await Affinities.InsertOneAsync(new BsonDocument { { "_id", "erin_genre_Horror" }, { "user_id", "erin" }, { "type", "genre" }, { "name", "Horror" }, { "name_key", "Horror" }, { "count", 1 }, { "sum_voti", 0 } });

        var (exitCode, report) = await run.RunAsync();

        Assert.Equal(1, exitCode);
        Assert.Equal(["alice differs", "bob differs", "carol missing"], ReconcileRun.Named(report, "users", "user_id").Select(Head));
        Assert.Contains("total_watched", ReconcileRun.Named(report, "users", "user_id")[0].Split(' ')[2].Split(','));
        Assert.Equal(["sum_ratings"], ReconcileRun.Named(report, "users", "user_id")[1].Split(' ')[2].Split(','));
        Assert.Equal(["ghost|1999 extra", "heat|1995 differs count", "ran|1985 differs count"], ReconcileRun.Named(report, "films", "_id"));
        Assert.Equal((2L, 1L, 0L, 2L, 0L, 1L, true, false),
            ((long)report["users_differing"]!, (long)report["user_stats_missing"]!, (long)report["user_stats_extra"]!, (long)report["films_differing"]!,
             (long)report["movie_counts_missing"]!, (long)report["movie_counts_extra"]!, (bool)report["global_stats_differs"]!, (bool)report["applied"]!));
        Assert.Equal(["alice_genre_Drama differs count", "bob_genre_Drama differs name,count,sum_voti", "dave_genre_Drama missing", "erin_genre_Horror extra"],
            ReconcileRun.Named(report, "affinities", "_id"));
        Assert.Equal((2L, 1L, 1L, true),
            ((long)report["user_affinities_differing"]!, (long)report["user_affinities_missing"]!, (long)report["user_affinities_extra"]!, (bool)report["affinities_compared"]!));
        var heatExample = report["examples"]!.AsArray().Single(example => (string?)example!["_id"] == "heat|1995")!;
        Assert.Equal(("count", 2, 99), ((string)heatExample["differences"]![0]!["field"]!, (int)heatExample["differences"]![0]!["computed"]!, (int)heatExample["differences"]![0]!["stored"]!));
        // Nothing was written by a report-only run.
        Assert.Equal(99, (await MovieCounts.Find(ById("heat|1995")).SingleAsync())["count"].ToInt32());
        Assert.Equal(7, (await Affinities.Find(ById("bob_genre_Drama")).SingleAsync())["count"].ToInt32());

        var (applyExit, applied) = await run.RunAsync("--apply");
        Assert.Equal((0, true), (applyExit, (bool)applied["applied"]!));
        Assert.Equal(3, (await UserStats.Find(Builders<BsonDocument>.Filter.Eq("user_id", "alice")).SingleAsync())["total_watched"].ToInt32());
        Assert.Equal("reconcile", (await UserStats.Find(Builders<BsonDocument>.Filter.Eq("user_id", "carol")).SingleAsync())["source"].AsString);
        Assert.Equal(3, (await UserStats.Find(Builders<BsonDocument>.Filter.Eq("user_id", "bob")).SingleAsync())["sum_ratings"].ToInt32());
        Assert.Equal([("alien|1979", 3), ("heat|1995", 2), ("ran|1985", 3)],
            (await MovieCounts.Find(FilterDefinition<BsonDocument>.Empty).SortBy(doc => doc["_id"]).ToListAsync()).Select(doc => (doc["_id"].AsString, doc["count"].ToInt32())));
        Assert.Equal([("alice_genre_Drama", "Drama", 3, 0), ("bob_genre_Drama", "Drama", 2, 0), ("carol_genre_Drama", "Drama", 2, 0), ("dave_genre_Drama", "Drama", 1, 0)],
            (await Affinities.Find(FilterDefinition<BsonDocument>.Empty).SortBy(doc => doc["_id"]).ToListAsync())
                .Select(doc => (doc["_id"].AsString, doc["name"].AsString, doc["count"].ToInt32(), doc["sum_voti"].ToInt32())));
        // Written as the grains' sink writes it: the backend's local time with its offset (CONTRACT section 6b).
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?[+-]\d\d:\d\d$", (await Affinities.Find(ById("dave_genre_Drama")).SingleAsync())["updated_at"].AsString);

        var (againExit, again) = await run.RunAsync();
        Assert.Equal((0, 4L, false), (againExit, (long)again["users_checked"]!, Drifted(again)));
    }

    [Fact]
    public async Task Users_named_on_the_command_line_are_the_only_ones_checked_and_films_are_left_alone()
    {
        await MoviesCollection.InsertAsync(_database, [Film("alice", "Alien", 1979, 0), Film("bob", "Heat", 1995, 0)]);
        await MovieCounts.InsertOneAsync(new BsonDocument { { "_id", "ghost|1999" }, { "title", "Ghost" }, { "count", 1 } });

        var (exitCode, report) = await new ReconcileRun(server, _database, "no-cluster").RunAsync("--users", "bob");

        Assert.Equal(1, exitCode);
        Assert.Equal(["bob missing"], ReconcileRun.Named(report, "users", "user_id"));
        Assert.Equal((1L, 0, false), ((long)report["users_checked"]!, report["films"]!.AsArray().Count, (bool)report["global_stats_differs"]!));
    }

    [Fact]
    public async Task With_affinities_switched_off_user_affinities_is_neither_compared_nor_written()
    {
        await MoviesCollection.InsertAsync(_database, [Film("alice", "Alien", 1979, 0)]);
        await Affinities.InsertOneAsync(new BsonDocument { { "_id", "alice_genre_Horror" }, { "user_id", "alice" }, { "type", "genre" }, { "name", "Horror" }, { "count", 4 } });
        var run = new ReconcileRun(server, _database, "no-cluster", new Dictionary<string, string?> { ["Statistics:WriteAffinities"] = "false" });

        var (exitCode, report) = await run.RunAsync("--apply");

        Assert.Equal((0, false, 0), (exitCode, (bool)report["affinities_compared"]!, report["affinities"]!.AsArray().Count));
        Assert.Equal(["alice_genre_Horror"], (await Affinities.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync()).Select(doc => doc["_id"].AsString));
        Assert.False(Drifted((await run.RunAsync()).Report));
    }

    [Fact]
    public async Task A_database_without_a_reachable_server_is_an_error_with_exit_code_2()
    {
        var unreachable = "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=500&connectTimeoutMS=500";
        var exitCode = await Silo.Commands.ReconcileCommand.RunAsync(["--mongo", unreachable], new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), TextWriter.Null);

        Assert.Equal(2, exitCode);
    }

    private static bool Drifted(System.Text.Json.Nodes.JsonObject report) =>
        (long)report["users_differing"]! + (long)report["user_stats_missing"]! + (long)report["user_stats_extra"]! + (long)report["films_differing"]!
        + (long)report["movie_counts_missing"]! + (long)report["movie_counts_extra"]! + (long)report["user_affinities_differing"]!
        + (long)report["user_affinities_missing"]! + (long)report["user_affinities_extra"]! > 0 || (bool)report["global_stats_differs"]!;

    private static string Head(string named) => string.Join(' ', named.Split(' ').Take(2));

    private static FilterDefinition<BsonDocument> ById(string id) => Builders<BsonDocument>.Filter.Eq("_id", id);

    private static BsonDocument Film(string user, string name, int year, int place, int? rating = null) =>
        MoviesCollection.Film(user, new WatchedFilm { Name = name, Year = year, Rating = rating, Date = "2026-01-0" + (place + 1), Genres = ["Drama"] }, MoviesCollection.FirstAdded.AddMinutes(place));
}
