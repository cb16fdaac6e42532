using CineMatch.Statistics.MongoDB.Reconcile;
using Microsoft.Extensions.Options;

namespace CineMatch.Hosting.Bootstrap;

/// <summary>
/// Runs the <see cref="BootstrapRunner"/> once the silo serves (every silo that starts on an unmarked database walks;
/// a second walker only repeats resyncs that change nothing). A failure is logged and the next start resumes.
/// </summary>
public sealed partial class HistoryBootstrapService(
    IServiceProvider services,
    IOptions<BootstrapOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<HistoryBootstrapService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        await WhenStartedAsync(stoppingToken);
        var concurrency = options.Value.Concurrency;
        var runner = new BootstrapRunner(
            services.GetRequiredService<MongoReconcileStore>(),
            new GrainClusterAdoption(services.GetRequiredService<IGrainFactory>(), concurrency, "this cluster"),
            concurrency,
            services.GetRequiredService<TimeProvider>(),
            logger);
        try
        {
            await runner.RunAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex);
        }
    }

    private async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var onStarted = lifetime.ApplicationStarted.Register(started.SetResult);
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        await started.Task;
    }

    [LoggerMessage(EventId = 5504, Level = LogLevel.Information, Message = "Bootstrap disabled (Bootstrap:Enabled=false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(EventId = 5505, Level = LogLevel.Error, Message = "Bootstrap failed; the next start resumes after the last user recorded")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
