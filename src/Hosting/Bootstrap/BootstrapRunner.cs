using CineMatch.Statistics.MongoDB.Reconcile;
using Microsoft.Extensions.Logging;

namespace CineMatch.Hosting.Bootstrap;

/// <summary>
/// Makes a cluster on a populated database exact without waiting for events (issue 9 item 4): every user of
/// <c>movies</c>, in <c>user_id</c> order, resyncs from it once (the same call reconcile uses), a group at a time; the
/// last user of each finished group is recorded, so an interrupted bootstrap resumes after it. A user resynced twice
/// changes nothing (the list already follows <c>movies</c>, so no counter moves), and an event arriving meanwhile is
/// applied by the user's grain alone, once. Then users a reconcile run corrected while no cluster ran are resynced.
/// </summary>
public sealed partial class BootstrapRunner(MongoReconcileStore store, IClusterAdoption cluster, int concurrency, TimeProvider time, ILogger logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var marker = await store.BootstrapMarkerAsync(cancellationToken);
        if (marker is not { Done: true })
        {
            await WalkAsync(marker, cancellationToken);
        }

        var pending = await store.PendingResyncAsync(cancellationToken);
        foreach (var userId in pending)
        {
            await cluster.ResyncUsersAsync([userId], cancellationToken);
            await store.RemovePendingResyncAsync(userId, cancellationToken);
        }

        if (pending.Count > 0)
        {
            LogPendingDone(logger, pending.Count);
        }
    }

    private async Task WalkAsync(BootstrapMarker? marker, CancellationToken cancellationToken)
    {
        var done = marker?.UsersDone ?? 0;
        var last = marker?.LastUserId;
        var total = await store.CountUsersAsync(null, cancellationToken);
        LogStarting(logger, total, last ?? "(start)");
        var group = new List<string>(concurrency * 4);
        await foreach (var userId in store.UserIdsAsync(last, cancellationToken))
        {
            group.Add(userId);
            if (group.Count == group.Capacity)
            {
                (done, last) = await ResyncGroupAsync(group, done, total, cancellationToken);
            }
        }

        if (group.Count > 0)
        {
            (done, last) = await ResyncGroupAsync(group, done, total, cancellationToken);
        }

        await store.SaveBootstrapMarkerAsync(new BootstrapMarker(true, last, done), time.GetUtcNow(), cancellationToken);
        LogFinished(logger, done);
    }

    private async Task<(long Done, string Last)> ResyncGroupAsync(List<string> group, long done, long total, CancellationToken cancellationToken)
    {
        await cluster.ResyncUsersAsync(group, cancellationToken);
        done += group.Count;
        var last = group[^1];
        await store.SaveBootstrapMarkerAsync(new BootstrapMarker(false, last, done), time.GetUtcNow(), cancellationToken);
        LogProgress(logger, done, total, last);
        group.Clear();
        return (done, last);
    }

    [LoggerMessage(EventId = 5500, Level = LogLevel.Information, Message = "Bootstrap: {Total} user(s) in movies, resuming after {Last}")]
    private static partial void LogStarting(ILogger logger, long total, string last);

    [LoggerMessage(EventId = 5501, Level = LogLevel.Information, Message = "Bootstrap: {Done}/{Total} user(s) follow movies (last {Last})")]
    private static partial void LogProgress(ILogger logger, long done, long total, string last);

    [LoggerMessage(EventId = 5502, Level = LogLevel.Information, Message = "Bootstrap finished: {Done} user(s); marker written")]
    private static partial void LogFinished(ILogger logger, long done);

    [LoggerMessage(EventId = 5503, Level = LogLevel.Information, Message = "Bootstrap: {Count} user(s) corrected by reconcile while no cluster ran resynced")]
    private static partial void LogPendingDone(ILogger logger, int count);
}
