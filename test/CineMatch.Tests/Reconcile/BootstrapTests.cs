using CineMatch.Hosting.Bootstrap;
using CineMatch.Statistics.MongoDB.Catalog;
using CineMatch.Statistics.MongoDB.Reconcile;
using CineMatch.Tests.MongoDB;
using CineMatch.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Driver;

namespace CineMatch.Tests.Reconcile;

/// <summary>
/// A cluster started on a database whose <c>movies</c> holds lists (the golden scenario's final lists): exact
/// <c>user_stats</c>, <c>movie_counts</c> and <c>global_stats</c> after its first flush with no event sent, and an
/// interrupted bootstrap that resumes without counting anyone twice.
/// </summary>
[Collection(MongoServerCollection.Name)]
public sealed class BootstrapTests(MongoServer server)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    private readonly IMongoDatabase _database = server.NewDatabase();
    private readonly GoldenScenario _golden = GoldenScenario.Load("messy-120");

    [Fact]
    public async Task A_fresh_cluster_on_populated_movies_writes_the_exact_documents_with_no_event_sent()
    {
        await PopulateAsync();

        await using var silo = await MongoSilo.StartAsync(server, _database, "bootstrap-" + Guid.NewGuid().ToString("N")[..8], bootstrap: true);

        await StoredStatisticsMatchGoldenAsync();
        var marker = await new MongoReconcileStore(_database).BootstrapMarkerAsync(default);
        Assert.Equal((true, (long)_golden.UserStats.Count), (marker!.Done, marker.UsersDone));
    }

    [Fact]
    public async Task An_interrupted_bootstrap_resumes_after_the_last_user_recorded_without_double_counting()
    {
        await PopulateAsync();
        await using var silo = await MongoSilo.StartAsync(server, _database, "bootstrap-" + Guid.NewGuid().ToString("N")[..8], bootstrap: false);
        var store = new MongoReconcileStore(_database);
        var adoption = new GrainClusterAdoption(silo.Grains, 2, "test");
        var users = _golden.UserStats.Select(stats => (string)stats["user_id"]!).Order(StringComparer.Ordinal).ToList();

        // Dies while resyncing its second group of 2 * 4 users.
        var dying = new DyingAdoption(adoption, groupsBeforeDeath: 1);
        await Assert.ThrowsAsync<IOException>(() => new BootstrapRunner(store, dying, 2, TimeProvider.System, NullLogger.Instance).RunAsync(default));
        var interrupted = await store.BootstrapMarkerAsync(default);
        Assert.Equal((false, users[7], 8L), (interrupted!.Done, interrupted.LastUserId, interrupted.UsersDone));

        var resumed = new CountingAdoption(adoption);
        await new BootstrapRunner(store, resumed, 2, TimeProvider.System, NullLogger.Instance).RunAsync(default);

        Assert.Equal(users.Skip(8), resumed.Users);
        await silo.FlushTrendsAsync();
        await StoredStatisticsMatchGoldenAsync();
        Assert.True((await store.BootstrapMarkerAsync(default))!.Done);
    }

    private async Task PopulateAsync()
    {
        await new CatalogImporter().ImportAsync(_golden.CatalogPath, _database, default);
        await MoviesCollection.InsertAsync(_database, MoviesCollection.FinalLists(_golden).SelectMany(user => MoviesCollection.Documents(user.Key, user.Value)));
    }

    private async Task StoredStatisticsMatchGoldenAsync()
    {
        List<string> differences = ["not read yet"];
        await Eventually.TrueAsync(
            async () =>
            {
                var stored = await GoldenDocuments.StoredInAsync(_database);
                differences = _golden.StatisticsDifferences(stored.UserStats, stored.MovieCounts, stored.GlobalStats);
                return differences.Count == 0;
            },
            Deadline,
            () => $"the stored statistics to equal the golden ones; {differences.Count} difference(s):\n" + string.Join("\n", differences.Take(20)));
    }

    private sealed class DyingAdoption(IClusterAdoption inner, int groupsBeforeDeath) : IClusterAdoption
    {
        private int _groups;

        public string Description => inner.Description;

        public async Task ResyncUsersAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken)
        {
            if (++_groups > groupsBeforeDeath)
            {
                // Half of the group done, then the silo dies: those users resync again after the restart.
                await inner.ResyncUsersAsync([.. userIds.Take(userIds.Count / 2)], cancellationToken);
                throw new IOException("silo died");
            }

            await inner.ResyncUsersAsync(userIds, cancellationToken);
        }

        public Task RewriteTrendsAsync(IReadOnlyList<string> filmKeys, CancellationToken cancellationToken) => inner.RewriteTrendsAsync(filmKeys, cancellationToken);
    }

    private sealed class CountingAdoption(IClusterAdoption inner) : IClusterAdoption
    {
        public List<string> Users { get; } = [];

        public string Description => inner.Description;

        public Task ResyncUsersAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken)
        {
            Users.AddRange(userIds);
            return inner.ResyncUsersAsync(userIds, cancellationToken);
        }

        public Task RewriteTrendsAsync(IReadOnlyList<string> filmKeys, CancellationToken cancellationToken) => inner.RewriteTrendsAsync(filmKeys, cancellationToken);
    }
}
