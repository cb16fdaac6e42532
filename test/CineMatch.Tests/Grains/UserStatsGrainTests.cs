using CineMatch.Events;
using CineMatch.Hosting.Gateway;
using CineMatch.Tests.Support;
using CineMatch.Wire;
using static CineMatch.Tests.Support.Events;

namespace CineMatch.Tests.Grains;

public sealed class UserStatsGrainTests
{
    [Fact]
    public async Task Statistics_follow_the_list_and_vanish_with_its_last_film()
    {
        await using var cluster = await StatisticsCluster.StartAsync(TestCatalog.Films);
        var grain = cluster.Client.GetGrain<IUserStatsGrain>("u1");
        await grain.ApplyAsync([new(Add("u1", "King Kong", 2005, T0, rating: 5), 1), new(Add("u1", "Alien", 1979, T0.AddMinutes(1), rating: 4), 2)]);

        var stats = await grain.GetStatsAsync();
        Assert.Equal(2, stats!.TotalWatched);
        Assert.Equal(4.5, stats.AvgRating);
        Assert.Equal(stats.TotalWatched, cluster.Store.UserStats["u1"].TotalWatched);
        Assert.Equal("Adventure", stats.FavoriteGenre);

        await grain.ApplyAsync([new(Delete("u1", "King Kong", 2005, T0.AddMinutes(2)), 3), new(Delete("u1", "Alien", 1979, T0.AddMinutes(3)), 4)]);
        Assert.Null(await grain.GetStatsAsync());
        Assert.False(cluster.Store.UserStats.ContainsKey("u1"));
    }

    [Fact]
    public async Task An_event_older_than_the_watermark_is_recorded_and_not_applied()
    {
        await using var cluster = await StatisticsCluster.StartAsync(TestCatalog.Films);
        var grain = cluster.Client.GetGrain<IUserStatsGrain>("u1");
        await grain.ApplyAsync([new(Add("u1", "Heat", 1995, T0.AddHours(2), rating: 5), 10)]);
        await grain.ApplyAsync([new(Add("u1", "Alien", 1979, T0, rating: 1) with { Position = new LogPosition(3, 11) }, 11)]);

        var late = Assert.Single(cluster.Store.LateEvents);
        Assert.Equal(("u1", 3, 11L), (late.UserId, late.Partition, late.Offset));
        Assert.Equal("Alien", EventParser.Parse(late.Raw).Event!.Movie.Name);
        Assert.Equal(1, (await grain.GetStatsAsync())!.TotalWatched);

        // Within the watermark, and older than the ADD it races: applied in event-time order, so the ADD's rating stands.
        await grain.ApplyAsync([new(Rate("u1", "Heat", 1995, T0.AddHours(1.5), 2), 12)]);
        Assert.Equal(5, (await grain.GetStatsAsync())!.AvgRating);
        await grain.ApplyAsync([new(Add("u1", "Alien", 1979, T0.AddHours(1.2)), 13)]);
        Assert.Equal(2, (await grain.GetStatsAsync())!.TotalWatched);
        Assert.Single(cluster.Store.LateEvents);
    }

    [Fact]
    public async Task Events_published_on_the_stream_reach_the_user_grain()
    {
        await using var cluster = await StatisticsCluster.StartAsync(TestCatalog.Films);
        var publisher = new OrleansStreamEventPublisher(cluster.Client);
        var events = Enumerable.Range(0, 30).Select(i => Add($"s{i % 3}", $"Film {i}", 2000, T0.AddSeconds(i), rating: 3)).ToList();
        await publisher.PublishAsync([.. events.Select(e => new IncomingEvent(e, EventJson.Serialize(e)))], CancellationToken.None);

        await Eventually.TrueAsync(
            async () => (await cluster.Client.GetGrain<IUserStatsGrain>("s2").GetStatsAsync())?.TotalWatched == 10,
            "the stream to deliver user s2's ten films");
        await Eventually.TrueAsync(
            async () => (await cluster.Client.GetGrain<IGlobalTrendsGrain>(0).GetSnapshotAsync()).TotalEntries == 30,
            "the counters to report all thirty entries");
    }
}
