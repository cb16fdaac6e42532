using CineMatch.Statistics.MongoDB.Reconcile;

namespace CineMatch.Hosting.Bootstrap;

/// <summary>
/// The cluster adopts <c>movies</c> through its grains (from a silo, or from the reconcile command's client): the
/// bootstrap and reconcile resync users by this one path, a bounded number at a time.
/// </summary>
public sealed class GrainClusterAdoption(IGrainFactory grains, int concurrency, string description) : IClusterAdoption
{
    public string Description { get; } = description;

    public Task ResyncUsersAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            userIds,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (userId, _) => await grains.GetGrain<IUserStatsGrain>(userId).ResyncFromHistoryAsync());

    public Task RewriteTrendsAsync(IReadOnlyList<string> filmKeys, CancellationToken cancellationToken) =>
        grains.GetGrain<IGlobalTrendsGrain>(0).RewriteAsync(filmKeys);
}
