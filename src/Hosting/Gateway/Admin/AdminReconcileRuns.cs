using System.Collections.Concurrent;
using CineMatch.Hosting.Bootstrap;
using CineMatch.Statistics.MongoDB.Reconcile;
using Microsoft.Extensions.Options;

namespace CineMatch.Hosting.Gateway.Admin;

/// <summary>
/// Reconcile runs started by <c>POST /admin/reconcile</c> in a silo on MongoDB: the same <see cref="ReconcileService"/>
/// as the <c>reconcile</c> command, with this cluster adopting the truth through its grains. One run at a time: a
/// second one would only repeat the first one's work while both race on the same documents.
/// </summary>
public sealed partial class AdminReconcileRuns(IServiceProvider services, IGrainFactory grains, TimeProvider time, ILogger<AdminReconcileRuns> logger)
{
    private const int ResyncConcurrency = 16;
    private readonly ConcurrentDictionary<string, ReconcileRunStatus> _runs = new(StringComparer.Ordinal);
    private int _running;

    /// <summary>Whether this process can reconcile: a silo with MongoDB (the store the bootstrap registers, and the sinks).</summary>
    public bool Available => services.GetService<MongoReconcileStore>() is not null;

    public ReconcileRunStatus? Find(string id) => _runs.GetValueOrDefault(id);

    /// <summary>Starts a run in the background; null when one is running already.</summary>
    public ReconcileRunStatus? Start(ReconcileRequest request)
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return null;
        }

        var started = new ReconcileRunStatus($"admin-{Guid.NewGuid():N}", "running", time.GetUtcNow());
        _runs[started.Id] = started;
        _ = Task.Run(() => RunAsync(started, request));
        return started;
    }

    private async Task RunAsync(ReconcileRunStatus started, ReconcileRequest request)
    {
        try
        {
            var service = ActivatorUtilities.CreateInstance<ReconcileService>(services, services.GetRequiredService<IOptions<StatisticsOptions>>().Value);
            var adoption = request.Apply ? new GrainClusterAdoption(grains, ResyncConcurrency, "this cluster") : null;
            var report = await service.RunAsync(request, progress: null, adoption, CancellationToken.None);
            _runs[started.Id] = started with { Status = "done", Report = report.ToDocument(time.GetUtcNow()) };
        }
        catch (Exception exception)
        {
            LogRunFailed(logger, exception, started.Id);
            _runs[started.Id] = started with { Status = "failed", Error = exception.Message };
        }
        finally
        {
            Interlocked.Exchange(ref _running, 0);
        }
    }

    [LoggerMessage(EventId = 5600, Level = LogLevel.Error, Message = "Reconcile run {RunId} started through /admin/reconcile failed")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string runId);
}
