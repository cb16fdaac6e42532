using System.Text.Json.Nodes;
using CineMatch.Catalog;
using CineMatch.Events;
using CineMatch.Lists;
using CineMatch.Statistics;
using CineMatch.Tests.Support;
using static CineMatch.Tests.Support.Events;

namespace CineMatch.Tests.Grains;

/// <summary>
/// CONTRACT section 2 and 5 through the real grains: the same events in any order within the
/// watermark, or duplicated, or resent, give the same documents and exact counts.
/// </summary>
public sealed class ExactnessTests
{
    private static readonly FilmRef[] Films =
    [
        new("Alien", 1979), new("Alien", null, "tt0078748"), new("King Kong", 1933), new("King Kong", 2005),
        new("Spirited Away", 2001), new("Amelie", 2001), new("Heat", 1995), new("Some Home Video", 2024),
    ];

    private static readonly string[] Users = [.. Enumerable.Range(1, 6).Select(i => $"user-{i}")];

    // Distinct microsecond times within 50 minutes: every order stays inside the watermark.
    private static List<MovieEvent> Scenario(int seed, int count = 400) =>
        RandomEvents.Generate(seed, count, Users, Films, TimeSpan.FromSeconds(7));

    /// <summary>Delivers the events in the given order, per user in batches of random size, users concurrently.</summary>
    private static async Task<Outcome> DeliverAsync(StatisticsCluster cluster, IReadOnlyList<MovieEvent> delivery, int seed)
    {
        var random = new Random(seed);
        var perUser = delivery.Select((movieEvent, position) => new SequencedEvent(movieEvent, position)).GroupBy(e => e.Event.UserId);
        await Task.WhenAll(perUser.Select(async user =>
        {
            var events = user.ToList();
            var grain = cluster.Client.GetGrain<IUserStatsGrain>(user.Key);
            for (var start = 0; start < events.Count;)
            {
                var size = random.Next(1, 12);
                await grain.ApplyAsync(events.GetRange(start, Math.Min(size, events.Count - start)));
                start += size;
            }
        }));
        await cluster.Client.GetGrain<IGlobalTrendsGrain>(0).FlushAsync();
        return Outcome.Of(cluster.Store);
    }

    private static async Task<Outcome> RunAsync(IReadOnlyList<MovieEvent> delivery, int seed)
    {
        await using var cluster = await StatisticsCluster.StartAsync(TestCatalog.Films, options => options.TrendsFlushInterval = TimeSpan.FromHours(1));
        return await DeliverAsync(cluster, delivery, seed);
    }

    [Theory]
    [InlineData(101)]
    [InlineData(202)]
    public async Task Shuffled_and_duplicated_deliveries_give_identical_statistics_and_counts(int shuffleSeed)
    {
        var events = Scenario(seed: 11);
        var random = new Random(shuffleSeed);
        var inLogOrder = await RunAsync(events, seed: 1);
        var shuffled = await RunAsync([.. events.OrderBy(_ => random.Next())], seed: 2);
        var duplicated = await RunAsync([.. events, .. events.OrderBy(_ => random.Next())], seed: 3);

        // The reference is independent of the grains: each user's events applied one at a time, in log order.
        var watched = events.GroupBy(e => e.UserId)
            .Select(user => (User: user.Key, Films: FinalList(user).PresentFilms().Count()))
            .Where(user => user.Films > 0)
            .OrderBy(user => user.User, StringComparer.Ordinal)
            .Select(user => $"{user.User}:{user.Films}");
        Assert.Equal(watched, TotalWatched(inLogOrder));
        Assert.True(inLogOrder == shuffled, $"the shuffled delivery (seed {shuffleSeed}) differs from the log order:\n{inLogOrder}\n---\n{shuffled}");
        Assert.True(inLogOrder == duplicated, $"the duplicated delivery (seed {shuffleSeed}) differs from the log order:\n{inLogOrder}\n---\n{duplicated}");
    }

    private static IEnumerable<string> TotalWatched(Outcome outcome) =>
        outcome.UserStats.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!)
            .Select(stats => $"{stats["user_id"]}:{stats["total_watched"]}");

    [Fact]
    public async Task Counts_equal_the_number_of_users_holding_each_film()
    {
        var events = Scenario(seed: 12);
        await using var cluster = await StatisticsCluster.StartAsync(TestCatalog.Films, options => options.TrendsFlushInterval = TimeSpan.FromHours(1));
        await DeliverAsync(cluster, events, seed: 4);

        var catalog = new CatalogIndex(TestCatalog.Films);
        var expected = events.GroupBy(e => e.UserId)
            .SelectMany(user => FinalList(user).PresentFilms().Select(film => FilmEnricher.Enrich(film, catalog).FilmKey).Distinct())
            .GroupBy(key => key)
            .ToDictionary(key => key.Key, key => (long)key.Count());
        Assert.Equal(expected.OrderBy(pair => pair.Key), cluster.Store.MovieCounts.Values.Select(doc => KeyValuePair.Create(doc.Id, doc.Count)).OrderBy(pair => pair.Key));
        Assert.Equal(events.GroupBy(e => e.UserId).Count(user => FinalList(user).PresentFilms().Any()), cluster.Store.GlobalStats!.TotalUsers);
    }

    [Fact]
    public async Task A_resend_of_every_list_changes_no_count()
    {
        var events = Scenario(seed: 13);
        await using var cluster = await StatisticsCluster.StartAsync(TestCatalog.Films, options => options.TrendsFlushInterval = TimeSpan.FromHours(1));
        var before = await DeliverAsync(cluster, events, seed: 5);

        // The backend resends each list as it stands, once with RECALCULATE and once with BULK_IMPORT.
        var resentAt = events.Max(e => e.Timestamp).AddMinutes(1);
        var resend = events.GroupBy(e => e.UserId).SelectMany(user => FinalList(user).PresentFilms().SelectMany((film, i) => new[]
        {
            Make(MovieEventType.Recalculate, user.Key, resentAt.AddTicks(i * 10), ResendOf(film)),
            Make(MovieEventType.BulkImport, user.Key, resentAt.AddSeconds(1).AddTicks(i * 10), ResendOf(film)),
        })).ToList();
        Assert.NotEmpty(resend);
        var after = await DeliverAsync(cluster, [.. events, .. resend], seed: 6);

        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_film_shows_the_title_the_user_holds_now_however_the_changes_were_batched()
    {
        // Regression (issue 13): two spellings of one film outside the catalog share a film key. The user trades
        // "Match Point" for "Match point" in one batch: no count moves, but the title the user holds does.
        await using var cluster = await StatisticsCluster.StartAsync(TestCatalog.Films, options => options.TrendsFlushInterval = TimeSpan.FromHours(1));
        var grain = cluster.Client.GetGrain<IUserStatsGrain>("u1");
        await grain.ApplyAsync([new(Add("u1", "Match Point", 2005, T0), 1)]);
        await grain.ApplyAsync([new(Add("u1", "Match point", 2005, T0.AddMinutes(-1)), 2), new(Delete("u1", "Match Point", 2005, T0.AddMinutes(1)), 3)]);
        await cluster.Client.GetGrain<IGlobalTrendsGrain>(0).FlushAsync();

        var count = cluster.Store.MovieCounts["match point|2005"];
        Assert.Equal(("Match point", 1L), (count.Title, count.Count));
    }

    private static WatchList FinalList(IEnumerable<MovieEvent> userEvents)
    {
        var list = new WatchList();
        var position = 0;
        foreach (var movieEvent in userEvents)
        {
            list.Apply(movieEvent, position++, TimeSpan.FromHours(1));
        }

        return list;
    }

    private static MovieInfo ResendOf(WatchedFilm film) => new()
    {
        Name = film.Name, Year = film.Year, Rating = film.Rating, Date = film.Date, ImdbId = film.ImdbId,
        Genres = film.Genres, Duration = film.Duration, Director = film.Director, Actors = film.Actors,
    };
}
