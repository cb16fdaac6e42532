using System.Text;
using CineMatch.Catalog;
using CineMatch.Events;
using CineMatch.Grains;
using CineMatch.Hosting.InMemory;
using CineMatch.Statistics;
using CineMatch.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace CineMatch.Tests.Property;

/// <summary>
/// Compares what a cluster holds after a case with the pure replay of the same logs: per user the <c>user_stats</c>
/// document, the <c>late_events</c> and the stored list, and what the users added to the trends.
/// </summary>
public static class PureReplayComparison
{
    /// <summary>Fails with both sides as text when anything differs; <paramref name="before"/> is the trends before the case.</summary>
    public static async Task AssertSameAsPureReplayAsync(
        IReadOnlyDictionary<string, List<MovieEvent>> logs, IServiceProvider silo, IGrainFactory grains, TrendsSnapshot before)
    {
        var store = silo.GetRequiredService<InMemoryStatisticsStore>();
        var storage = silo.GetRequiredKeyedService<IGrainStorage>(StorageNames.Statistics);
        var catalog = new CatalogIndex(TestCatalog.Films);
        var expected = new StringBuilder();
        var actual = new StringBuilder();
        var presentPerUser = new List<IReadOnlyList<EnrichedFilm>>();
        foreach (var (userId, log) in logs.OrderBy(user => user.Key, StringComparer.Ordinal))
        {
            var (list, late) = PureReplay.Apply(log, purgeAfterEveryEvent: true);
            var (replayList, replayLate) = PureReplay.Apply(log, purgeAfterEveryEvent: false);
            Assert.Equal(PureReplay.ListView(list), PureReplay.ListView(replayList));
            Assert.Equal(PureReplay.LateView(late), PureReplay.LateView(replayLate));

            var stored = new GrainState<UserListState>(new UserListState());
            await storage.ReadStateAsync("list", grains.GetGrain<IUserStatsGrain>(userId).GetGrainId(), stored);
            Section(expected, userId, PureReplay.StatsView(PureReplay.Stats(userId, list, catalog)), PureReplay.LateView(late), PureReplay.ListView(list));
            Section(actual, userId, PureReplay.StatsView(store.UserStats.GetValueOrDefault(userId)),
                PureReplay.LateView(store.LateEvents.Where(e => e.UserId == userId)), PureReplay.ListView((stored.State ?? new UserListState()).List));
            presentPerUser.Add(PureReplay.Enriched(list, catalog));
        }

        expected.AppendLine(TrendsSnapshot.Expected(presentPerUser));
        actual.AppendLine(TrendsSnapshot.Of(store).Since(before));
        Assert.Equal(expected.ToString(), actual.ToString());
    }

    private static void Section(StringBuilder text, string userId, string stats, string late, string list) =>
        text.Append("== ").AppendLine(userId)
            .Append("user_stats: ").AppendLine(stats)
            .AppendLine("late_events:").AppendLine(late)
            .AppendLine("list:").AppendLine(list);
}
