using CineMatch.Documents;
using CineMatch.Persistence.MongoDB;
using CineMatch.Statistics.MongoDB.Sinks;
using CineMatch.Sinks;
using CineMatch.Statistics.MongoDB;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Tests.MongoDB;

/// <summary>The sinks write the contract's documents (CONTRACT sections 4-6), and writing twice changes nothing (EXACTNESS I5).</summary>
[Collection(MongoServerCollection.Name)]
public sealed class MongoSinkTests(MongoServer server) : IAsyncDisposable
{
    private static readonly string[] UserStatsFields =
    [
        "_id", "user_id", "total_watched", "avg_rating", "rating_chart_data", "top_rated_movies", "recent_movies",
        "year_data", "available_years", "top_years", "genre_data", "favorite_genre", "watch_time_hours", "avg_duration",
        "most_watched_directors", "best_rated_directors", "most_watched_actors", "best_rated_actors",
        "stats_version", "updated_at", "source", "sum_ratings", "watch_time_minutes", "rating_distribution", "monthly_counts",
    ];

    private static readonly string[] MovieItemFields =
        ["name", "year", "rating", "date", "imdb_id", "genres", "director", "actors", "duration", "poster_url", "avg_vote"];

    private readonly string _database = MongoServer.NewDatabaseName();
    private ServiceProvider? _services;

    [Fact]
    public async Task User_stats_are_one_document_per_user_with_the_contract_fields_replaced_and_deleted_whole()
    {
        var sink = Sinks().GetRequiredService<IUserStatsSink>();
        await sink.UpsertAsync(UserStats("alice", totalWatched: 1), default);
        await sink.UpsertAsync(UserStats("alice", totalWatched: 2), default);
        await sink.UpsertAsync(UserStats("alice", totalWatched: 2), default);
        await sink.UpsertAsync(UserStats("bob", totalWatched: 1), default);

        var alice = await Single(CollectionNames.UserStats, "user_id", "alice");
        Assert.Equal(UserStatsFields.Order(), alice.Names.Order());
        Assert.Equal(2, alice["total_watched"].AsInt32);
        Assert.Equal(MovieItemFields, alice["top_rated_movies"][0].AsBsonDocument.Names);
        Assert.Equal(new BsonDocument { { "rating", "⭐5" }, { "count", 1 }, { "stars", 5 } }, alice["rating_chart_data"][0]);
        Assert.Equal(["1", "2", "3", "5"], alice["best_rated_directors"].AsBsonDocument.Names);
        Assert.True(alice["top_rated_movies"][0]["poster_url"].IsBsonNull);
        Assert.Equal(2, await Count(CollectionNames.UserStats));

        await sink.DeleteAsync("alice", default);
        await sink.DeleteAsync("alice", default);
        Assert.Equal(1, await Count(CollectionNames.UserStats));
    }

    [Fact]
    public async Task Statistics_are_still_written_when_MongoDB_refuses_the_unique_user_id_index()
    {
        // The backend ran without its index for a while: one user has two documents, so the unique index cannot be built.
        await Collection(CollectionNames.UserStats).InsertManyAsync(
            [new BsonDocument { { "user_id", "twice" }, { "quiz_correct_count", 1 } }, new BsonDocument { { "user_id", "twice" }, { "quiz_correct_count", 2 } }]);
        var sink = Sinks().GetRequiredService<IUserStatsSink>();

        await sink.UpsertAsync(UserStats("alice", totalWatched: 3), default).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, (await Single(CollectionNames.UserStats, "user_id", "alice"))["total_watched"].AsInt32);
        var indexes = await Collection(CollectionNames.UserStats).Indexes.List().ToListAsync();
        Assert.DoesNotContain(indexes, index => index.GetValue("unique", false).ToBoolean());
    }

    [Fact]
    public async Task Global_trends_replace_their_single_document()
    {
        var sink = Sinks().GetRequiredService<ITrendsSink>();
        await sink.WriteGlobalStatsAsync(Trends(totalUsers: 1), default);
        await sink.WriteGlobalStatsAsync(Trends(totalUsers: 3), default);
        await sink.WriteGlobalStatsAsync(Trends(totalUsers: 3), default);

        var trends = await Single(CollectionNames.GlobalStats, "type", "global_trends");
        Assert.Equal(
            ["_id", "type", "top_movies", "trending_genres", "genre_counts", "total_users", "total_entries", "updated_at", "source"],
            trends.Names);
        Assert.Equal(3, trends["total_users"].ToInt64());
        Assert.Equal(new BsonDocument { { "title", "Alien" }, { "poster_path", BsonNull.Value }, { "count", 3 } }, trends["top_movies"][0]);
        Assert.Equal(new BsonDocument { { "genre", "Horror" }, { "count", 3 }, { "percentage", 100.0 } }, trends["trending_genres"][0]);
        Assert.Equal(new BsonDocument { { "Horror", 3 } }, trends["genre_counts"]);
        Assert.Equal(1, await Count(CollectionNames.GlobalStats));
    }

    [Fact]
    public async Task Movie_counts_are_replaced_by_film_key_and_deleted_when_they_reach_zero()
    {
        var sink = Sinks().GetRequiredService<ITrendsSink>();
        MovieCountDocument[] films = [Film("tt0078748", "Alien", 2), Film("heat|1995", "Heat", 1), Film("ran|", "Ran", 1)];
        await sink.WriteMovieCountsAsync(films, [], default);
        await sink.WriteMovieCountsAsync([Film("tt0078748", "Alien", 3)], ["heat|1995", "never-counted"], default);
        await sink.WriteMovieCountsAsync([Film("tt0078748", "Alien", 3)], ["heat|1995"], default);

        var stored = await Documents(CollectionNames.MovieCounts);
        Assert.Equal(["ran|", "tt0078748"], stored.Select(d => d["_id"].AsString).Order());
        var alien = stored.Single(d => d["_id"] == "tt0078748");
        Assert.Equal(["_id", "title", "year", "count", "updated_at"], alien.Names);
        Assert.Equal(3, alien["count"].ToInt64());
        Assert.True(stored.Single(d => d["_id"] == "ran|")["year"].IsBsonNull);
    }

    [Fact]
    public async Task Rejected_records_are_kept_once_per_log_position()
    {
        var sink = Sinks().GetRequiredService<IRejectedEventSink>();
        var fromLog = new DeadLetter { Raw = "{not json", Partition = 3, Offset = 42, Reason = "not JSON", Time = "2026-01-19T20:04:11.532Z" };
        await sink.DeadLetterAsync(fromLog, default);
        await sink.DeadLetterAsync(fromLog, default);
        var fromGateway = fromLog with { Partition = null, Offset = null };
        await sink.DeadLetterAsync(fromGateway, default);
        await sink.DeadLetterAsync(fromGateway, default);
        var late = new LateEvent { UserId = "alice", Raw = "{}", Partition = 1, Offset = 7, Reason = "older than the watermark", Time = "2026-01-19T20:04:11.532Z" };
        await sink.LateEventAsync(late, default);
        await sink.LateEventAsync(late, default);

        var deadLetters = await Documents(CollectionNames.DeadLetters);
        Assert.Equal(3, deadLetters.Count);
        Assert.Equal(["_id", "raw", "partition", "offset", "reason", "time"], deadLetters.Single(d => d["_id"] == "3:42").Names);
        Assert.Equal(["_id", "user_id", "raw", "partition", "offset", "reason", "time"], (await Documents(CollectionNames.LateEvents)).Single().Names);
    }

    [Fact]
    public async Task A_write_while_MongoDB_is_unreachable_waits_and_lands_when_it_is_back()
    {
        await using var link = new CuttableLink(server.Endpoint);
        var sink = Sinks(server.Via(link.Endpoint)).GetRequiredService<IUserStatsSink>();
        await sink.UpsertAsync(UserStats("alice", totalWatched: 1), default);

        link.Cut();
        var write = sink.UpsertAsync(UserStats("alice", totalWatched: 2), default);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(write.IsCompleted, "the write should still be retrying while MongoDB is unreachable");

        link.Restore();
        await write.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, (await Single(CollectionNames.UserStats, "user_id", "alice"))["total_watched"].AsInt32);
    }

    [Fact]
    public async Task A_cancelled_caller_stops_waiting_for_an_unreachable_MongoDB()
    {
        await using var link = new CuttableLink(server.Endpoint);
        var sink = Sinks(server.Via(link.Endpoint)).GetRequiredService<IUserStatsSink>();
        link.Cut();

        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sink.UpsertAsync(UserStats("alice", totalWatched: 1), giveUp.Token));
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    private IServiceProvider Sinks(string? connectionString = null)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMongoDBStatisticsSinks(options =>
        {
            options.Client = server.Client(connectionString);
            options.DatabaseName = _database;
            options.AttemptTimeout = TimeSpan.FromSeconds(1);
            options.FirstRetryDelay = TimeSpan.FromMilliseconds(50);
            options.MaxRetryDelay = TimeSpan.FromMilliseconds(500);
        });
        _services = services.BuildServiceProvider(validateScopes: true);
        return _services;
    }

    private IMongoCollection<BsonDocument> Collection(string name) => server.Client().GetDatabase(_database).GetCollection<BsonDocument>(name);

    private Task<List<BsonDocument>> Documents(string collection) => Collection(collection).Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();

    private Task<long> Count(string collection) => Collection(collection).CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty);

    private Task<BsonDocument> Single(string collection, string field, string value) =>
        Collection(collection).Find(Builders<BsonDocument>.Filter.Eq(field, value)).SingleAsync();

    private static UserStatsDocument UserStats(string userId, int totalWatched)
    {
        var alien = new MovieItem { Name = "Alien", Year = 1979, Rating = 5, Date = "2026-01-19", Genres = ["Horror"] };
        PersonStat[] scott = [new("Ridley Scott", 1, 5.0)];
        return new UserStatsDocument
        {
            UserId = userId,
            TotalWatched = totalWatched,
            AvgRating = 5,
            RatingChartData = [new RatingBar("⭐5", 1, 5)],
            TopRatedMovies = [alien],
            RecentMovies = [alien],
            YearData = [new YearActivity(2026, [new MonthCount("Gen", 1)], 1)],
            AvailableYears = [2026],
            TopYears = [new YearCount(1979, 1)],
            GenreData = [new GenreSlice("Horror", 100.0, "#6B21A8", 1)],
            FavoriteGenre = "Horror",
            WatchTimeHours = 1,
            AvgDuration = 117,
            MostWatchedDirectors = scott,
            BestRatedDirectors = new Dictionary<string, IReadOnlyList<PersonStat>> { ["1"] = scott, ["2"] = [], ["3"] = [], ["5"] = [] },
            UpdatedAt = "2026-01-19T20:04:11.532Z",
            Source = "orleans",
        };
    }

    private static GlobalStatsDocument Trends(long totalUsers) => new()
    {
        TopMovies = [new TopMovie("Alien", null, totalUsers)],
        TrendingGenres = [new GenreTrend("Horror", totalUsers, 100.0)],
        GenreCounts = new Dictionary<string, long> { ["Horror"] = totalUsers },
        TotalUsers = totalUsers,
        TotalEntries = totalUsers,
        UpdatedAt = "2026-01-19T20:04:11.532Z",
        Source = "orleans",
    };

    private static MovieCountDocument Film(string key, string title, long count) =>
        new() { Id = key, Title = title, Year = key.EndsWith('|') ? null : 1979, Count = count, UpdatedAt = "2026-01-19T20:04:11.532Z" };
}
