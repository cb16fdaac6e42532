using CineMatch.Events;
using CineMatch.Tests.Support;
using static CineMatch.Tests.Support.Events;

namespace CineMatch.Tests.Grains;

public sealed class GlobalTrendsTests
{
    /// <summary>Film i is held by i users: counts 1..12, plus a tie broken by title.</summary>
    private static async Task HoldAsync(StatisticsCluster cluster)
    {
        var events = new List<MovieEvent>();
        for (var film = 1; film <= 12; film++)
        {
            for (var user = 1; user <= film; user++)
            {
                events.Add(Add($"u{user:D2}", $"Film {film:D2}", 2000, T0.AddSeconds(events.Count), rating: 4, genres: [film % 2 == 0 ? "Drama" : "Comedy"]));
            }
        }

        events.Add(Add("u01", "Zeta Tie", 2000, T0.AddSeconds(events.Count), genres: ["Horror"]));
        events.Add(Add("u02", "Zeta Tie", 2000, T0.AddSeconds(events.Count), genres: ["Horror"]));
        events.Add(Add("u03", "Alpha Tie", 2000, T0.AddSeconds(events.Count), genres: ["Horror"]));
        events.Add(Add("u04", "Alpha Tie", 2000, T0.AddSeconds(events.Count), genres: ["Horror"]));
        await Task.WhenAll(events.Select((e, i) => new SequencedEvent(e, i)).GroupBy(e => e.Event.UserId)
            .Select(user => cluster.Client.GetGrain<IUserStatsGrain>(user.Key).ApplyAsync([.. user])));
    }

    [Fact]
    public async Task Top_ten_and_trending_genres_after_a_known_scenario()
    {
        await using var cluster = await StatisticsCluster.StartAsync([], options => options.TrendsFlushInterval = TimeSpan.FromHours(1));
        await HoldAsync(cluster);
        await cluster.Client.GetGrain<IGlobalTrendsGrain>(0).FlushAsync();

        var trends = cluster.Store.GlobalStats!;
        Assert.Equal(
            ["Film 12:12", "Film 11:11", "Film 10:10", "Film 09:9", "Film 08:8", "Film 07:7", "Film 06:6", "Film 05:5", "Film 04:4", "Film 03:3"],
            trends.TopMovies.Select(movie => $"{movie.Title}:{movie.Count}"));
        Assert.Equal(12, trends.TotalUsers);
        Assert.Equal(78 + 4, trends.TotalEntries);

        // Drama: films 2,4,..,12 = 42 entries; Comedy: 1,3,..,11 = 36; Horror: 4. Total 82.
        Assert.Equal(["Drama:42:51.2", "Comedy:36:43.9", "Horror:4:4.9"], trends.TrendingGenres.Select(g => $"{g.Genre}:{g.Count}:{g.Percentage}"));
        Assert.Equal(14, cluster.Store.MovieCounts.Count);
        Assert.Equal(2, cluster.Store.MovieCounts["alpha tie|2000"].Count);
    }

    [Fact]
    public async Task Ties_in_the_top_ten_are_broken_by_title()
    {
        await using var cluster = await StatisticsCluster.StartAsync([], options => options.TrendsFlushInterval = TimeSpan.FromHours(1));
        await HoldAsync(cluster);
        await cluster.Client.GetGrain<IUserStatsGrain>("u01").ApplyAsync([.. Enumerable.Range(1, 12).Select(film => new SequencedEvent(Delete("u01", $"Film {film:D2}", 2000, T0.AddHours(1)), 1000 + film))]);
        await cluster.Client.GetGrain<IUserStatsGrain>("u02").ApplyAsync([.. Enumerable.Range(2, 11).Select(film => new SequencedEvent(Delete("u02", $"Film {film:D2}", 2000, T0.AddHours(1)), 2000 + film))]);
        var snapshot = await cluster.Client.GetGrain<IGlobalTrendsGrain>(0).GetSnapshotAsync();

        // Film k now holds k-2 users; three films hold 2 and come in title order, the last one cut.
        var counts = snapshot.TopMovies.Select(movie => $"{movie.Title}:{movie.Count}").ToList();
        Assert.Equal(["Film 12:10", "Film 11:9", "Film 10:8", "Film 09:7", "Film 08:6", "Film 07:5", "Film 06:4", "Film 05:3", "Alpha Tie:2", "Film 04:2"], counts);
    }

    [Fact]
    public async Task The_timer_writes_the_documents_on_its_own()
    {
        await using var cluster = await StatisticsCluster.StartAsync([], options => options.TrendsFlushInterval = TimeSpan.FromMilliseconds(200));
        await cluster.Client.GetGrain<IUserStatsGrain>("u1").ApplyAsync([new SequencedEvent(Add("u1", "Heat", 1995, T0), 1)]);

        await Eventually.TrueAsync(() => cluster.Store.MovieCounts.ContainsKey("heat|1995") && cluster.Store.GlobalStats?.TotalUsers == 1, "the first timer write");
    }

    /// <summary>
    /// The timer's tick is <see cref="IGlobalTrendsGrain.FlushAsync"/>; called here directly, with the timer an
    /// hour away, so that "no write" is observed at a known moment rather than after a pause. Every figure has
    /// reached the trends grain when ApplyAsync returns (the counters' reports are awaited all the way).
    /// </summary>
    [Fact]
    public async Task A_tick_writes_only_when_something_changed_and_removes_films_no_one_holds()
    {
        await using var cluster = await StatisticsCluster.StartAsync([], options => options.TrendsFlushInterval = TimeSpan.FromHours(1));
        var user = cluster.Client.GetGrain<IUserStatsGrain>("u1");
        var trends = cluster.Client.GetGrain<IGlobalTrendsGrain>(0);
        await user.ApplyAsync([new SequencedEvent(Add("u1", "Heat", 1995, T0), 1)]);
        await trends.FlushAsync();
        Assert.True(cluster.Store.MovieCounts.ContainsKey("heat|1995"));
        var writes = cluster.Store.GlobalStatsWrites;
        Assert.Equal(1, writes);

        await trends.FlushAsync();
        Assert.Equal(writes, cluster.Store.GlobalStatsWrites);

        await user.ApplyAsync([new SequencedEvent(Delete("u1", "Heat", 1995, T0.AddMinutes(1)), 2)]);
        await trends.FlushAsync();
        Assert.False(cluster.Store.MovieCounts.ContainsKey("heat|1995"), "the count document of a film no one holds is removed");
        Assert.Equal(writes + 1, cluster.Store.GlobalStatsWrites);
        Assert.Equal(0, cluster.Store.GlobalStats!.TotalUsers);
    }
}
