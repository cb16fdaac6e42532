using CineMatch.Events;
using CineMatch.Tests.Support;
using static CineMatch.Tests.Lists.RedeliveryTests;
using static CineMatch.Tests.Support.Events;

namespace CineMatch.Tests.Grains;

/// <summary>
/// The user grain and a redelivery after its activation ended, as when a silo is killed and another one reads the
/// partition again from the last commit: the state comes back from storage, and with it how far into the log it reaches.
/// </summary>
public sealed class RedeliveryGrainTests
{
    [Fact]
    public async Task A_batch_redelivered_to_a_new_activation_changes_nothing_and_is_not_recorded_as_late()
    {
        await using var cluster = await StatisticsCluster.StartAsync(TestCatalog.Films);
        var grain = cluster.Client.GetGrain<IUserStatsGrain>("u1");
        var trends = cluster.Client.GetGrain<IGlobalTrendsGrain>(0);
        await grain.ApplyAsync(Batch);
        var stats = Outcome.Json(await grain.GetStatsAsync());
        var global = Outcome.Json(await trends.GetSnapshotAsync());

        await cluster.DeactivateAsync(grain);
        await grain.ApplyAsync(Batch);

        Assert.Empty(cluster.Store.LateEvents);
        Assert.Equal(stats, Outcome.Json(await grain.GetStatsAsync()));
        Assert.Equal(stats, Outcome.Json(cluster.Store.UserStats["u1"]));
        Assert.Equal(global, Outcome.Json(await trends.GetSnapshotAsync()));
        Assert.Equal(2, (await trends.GetSnapshotAsync()).TotalEntries);
    }

    [Fact]
    public async Task A_late_only_batch_redelivered_to_a_new_activation_is_recorded_once()
    {
        await using var cluster = await StatisticsCluster.StartAsync(TestCatalog.Films);
        var grain = cluster.Client.GetGrain<IUserStatsGrain>("u1");
        await grain.ApplyAsync(Batch);
        IReadOnlyList<SequencedEvent> late = [At(3, 110, Add("u1", "Amélie", 2001, T0.AddMinutes(5), rating: 2))];

        await grain.ApplyAsync(late);
        await cluster.DeactivateAsync(grain);
        await grain.ApplyAsync(late);

        var recorded = Assert.Single(cluster.Store.LateEvents);
        Assert.Equal((3, 110L), (recorded.Partition, recorded.Offset));
        Assert.Equal(2, (await grain.GetStatsAsync())!.TotalWatched);
    }
}
