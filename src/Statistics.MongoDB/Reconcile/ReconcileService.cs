using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CineMatch.Catalog;
using CineMatch.Documents;
using CineMatch.Reconcile;
using CineMatch.Sinks;
using CineMatch.Wire;
using Microsoft.Extensions.Logging;

namespace CineMatch.Statistics.MongoDB.Reconcile;

/// <summary>
/// A reconcile run: every user's documents recomputed from <c>movies</c> by the grains' own code
/// (<see cref="HistoryRecomputation"/>), compared with what is stored, reported to <c>reconcile_reports</c>, and with
/// <see cref="ReconcileRequest.Apply"/> corrected. The <c>reconcile</c> command runs it; <c>POST /admin/reconcile</c>
/// is to call it too.
/// </summary>
/// <remarks>
/// Order of a run with a cluster: (1) users in <c>user_id</c> order, each compared and, when drifted, its
/// <c>user_stats</c> and <c>user_affinities</c> written; (2) films and <c>global_stats</c> compared and written; (3) the drifted users' grains
/// resync from <c>movies</c>, then the trends grain rewrites the drifted films and <c>global_stats</c>. The grains
/// write last, from their own state: an event that arrived during the run is in it once (the grain is the only
/// one that applies events; reconcile never touches a counter), so nothing is lost or counted twice.
/// </remarks>
public sealed partial class ReconcileService(
    MongoReconcileStore store,
    IMovieCatalog catalog,
    IUserStatsSink userStats,
    IUserAffinitySink userAffinities,
    StatisticsOptions statistics,
    ITrendsSink trends,
    TimeProvider time,
    ILogger<ReconcileService> logger)
{
    public const string Source = "reconcile";

    public async Task<DriftReport> RunAsync(ReconcileRequest request, IReconcileProgress? progress, IClusterAdoption? cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var report = new DriftReport($"reconcile-{started:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid().ToString("N")[..6]}", started, request.Apply, request.Users)
        {
            AffinitiesCompared = statistics.WriteAffinities,
        };
        var total = await store.CountUsersAsync(request.Users, cancellationToken);
        progress?.Started(total);

        // Users: one at a time. What is kept across users is bounded by films (GlobalTruth) and by drifted users' ids.
        var global = new GlobalTruth();
        var drifted = new List<string>();
        await foreach (var user in store.UsersAsync(request.Users, statistics.WriteAffinities, cancellationToken))
        {
            var truth = HistoryRecomputation.Recompute(user.UserId, user.History, catalog, time.GetUtcNow(), Source);
            global.Add(truth);
            var computed = truth.Stats is null ? null : ToJson(truth.Stats);
            var comparison = DocumentComparison.Of(computed, user.StoredStats, DocumentDrift.UserStatsFields, DocumentDrift.HoldsStatistics(user.StoredStats));
            report.AddUser(user.UserId, comparison);
            if (comparison.Drifted && request.Apply)
            {
                await WriteUserAsync(user.UserId, truth.Stats, cancellationToken);
            }

            var affinitiesDrifted = statistics.WriteAffinities && await CompareAffinitiesAsync(user, truth, report, request.Apply, cancellationToken);
            if (comparison.Drifted || affinitiesDrifted)
            {
                drifted.Add(user.UserId);
            }

            progress?.Checked(report.UsersChecked);
        }

        var driftedFilms = new List<string>();
        if (request.Users is null)
        {
            await CompareTrendsAsync(global, report, driftedFilms, request.Apply, cancellationToken);
        }

        progress?.Finished(report.UsersChecked);
        if (request.Apply && report.HasDrift)
        {
            await AdoptAsync(cluster, report, drifted, driftedFilms, cancellationToken);
        }

        await store.WriteReportAsync(report.ToDocument(time.GetUtcNow()), cancellationToken);
        LogSummary(logger, report.SummaryLine(clock.Elapsed));
        return report;
    }

    private async Task CompareTrendsAsync(GlobalTruth global, DriftReport report, List<string> driftedFilms, bool apply, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var upserts = new List<MovieCountDocument>();
        var deletes = new List<string>();
        await foreach (var (id, stored) in store.MovieCountsAsync(cancellationToken))
        {
            seen.Add(id);
            CompareFilm(id, global.MovieCount(id, now), stored);
        }

        foreach (var id in global.FilmKeys.Where(key => !seen.Contains(key)).Order(StringComparer.Ordinal).ToList())
        {
            CompareFilm(id, global.MovieCount(id, now), null);
        }

        var globalStats = global.GlobalStats(now, Source);
        var storedGlobal = await store.GlobalStatsAsync(cancellationToken);
        var globalComparison = DocumentComparison.Of(ToJson(globalStats), storedGlobal, DocumentDrift.GlobalStatsFields, storedGlobal is not null);
        report.SetGlobal(globalComparison);
        if (apply)
        {
            await trends.WriteMovieCountsAsync(upserts, deletes, cancellationToken);
            if (globalComparison.Drifted)
            {
                await trends.WriteGlobalStatsAsync(globalStats, cancellationToken);
            }
        }

        void CompareFilm(string id, MovieCountDocument? computed, JsonObject? stored)
        {
            var comparison = DocumentComparison.Of(computed is null ? null : ToJson(computed), stored, DocumentDrift.MovieCountFields, stored is not null);
            report.AddFilm(id, comparison);
            if (!comparison.Drifted)
            {
                return;
            }

            driftedFilms.Add(id);
            if (computed is null)
            {
                deletes.Add(id);
            }
            else
            {
                upserts.Add(computed);
            }
        }
    }

    /// <summary>Compares the user's <c>user_affinities</c> and, with <paramref name="apply"/>, writes the corrections as the grain's sink does.</summary>
    /// <returns>Whether any document drifted.</returns>
    private async Task<bool> CompareAffinitiesAsync(StoredUser user, UserTruth truth, DriftReport report, bool apply, CancellationToken cancellationToken)
    {
        var upserts = new List<UserAffinityDocument>();
        var deletes = new List<string>();
        foreach (var (id, comparison, computed) in UserAffinityDrift.Compare(truth.Affinities, user.StoredAffinities))
        {
            report.AddAffinity(id, comparison);
            if (comparison.Drifted && computed is null)
            {
                deletes.Add(id);
            }
            else if (comparison.Drifted)
            {
                upserts.Add(computed!);
            }
        }

        if (apply && upserts.Count + deletes.Count > 0)
        {
            var stamp = DocumentJson.FormatBackendTime(time.GetUtcNow(), statistics.ResolveTimeZone());
            await userAffinities.WriteAsync(user.UserId, [.. upserts.Select(affinity => affinity with { UpdatedAt = stamp })], deletes, cancellationToken);
        }

        return upserts.Count + deletes.Count > 0;
    }

    private Task WriteUserAsync(string userId, UserStatsDocument? stats, CancellationToken cancellationToken) =>
        stats is null ? userStats.DeleteAsync(userId, cancellationToken) : userStats.UpsertAsync(stats, cancellationToken);

    private async Task AdoptAsync(IClusterAdoption? cluster, DriftReport report, List<string> drifted, List<string> driftedFilms, CancellationToken cancellationToken)
    {
        if (cluster is null)
        {
            // The grains' stored lists still hold the drift: the next cluster start resyncs these users (bootstrap).
            await store.AddPendingResyncAsync(drifted, cancellationToken);
            report.Cluster = $"none running: documents written; {drifted.Count} user(s) left in {ReconcileCollections.PendingResync} for the next cluster start to resync";
            LogNoCluster(logger, drifted.Count);
            return;
        }

        await cluster.ResyncUsersAsync(drifted, cancellationToken);
        report.UsersAdopted = drifted.Count;
        if (driftedFilms.Count > 0 || report.GlobalStatsDiffers || drifted.Count > 0)
        {
            await cluster.RewriteTrendsAsync(driftedFilms, cancellationToken);
        }

        report.Cluster = $"{cluster.Description}: {drifted.Count} user(s) resynced, {driftedFilms.Count} film(s) rewritten by the trends grain";
    }

    private static JsonObject ToJson<T>(T document) => JsonSerializer.SerializeToNode(document, DocumentJson.Options)!.AsObject();

    [LoggerMessage(EventId = 3500, Level = LogLevel.Information, Message = "{Summary}")]
    private static partial void LogSummary(ILogger logger, string summary);

    [LoggerMessage(EventId = 3501, Level = LogLevel.Warning, Message = "No running cluster: corrected documents written; {Users} user(s) left for the next cluster start to resync")]
    private static partial void LogNoCluster(ILogger logger, int users);
}
