using CineMatch.Catalog;
using Microsoft.Extensions.Options;

namespace CineMatch.Hosting.Catalog;

/// <summary>
/// Loads the catalog into the silo's <see cref="LiveCatalog"/> before the silo takes traffic, then reloads it on an
/// interval (every minute unless set otherwise; zero: never), so films the backend adds are seen without a restart.
/// A failed reload keeps the catalog the silo already has.
/// </summary>
public sealed partial class CatalogLoader(
    ICatalogSource source,
    LiveCatalog catalog,
    IOptions<CatalogOptions> options,
    ILogger<CatalogLoader> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<CatalogLoader>(ServiceLifecycleStage.ApplicationServices, StartAsync, _ => StopAsync());

    public void Dispose() => _stopping.Dispose();

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (options.Value.RefreshInterval > TimeSpan.Zero)
        {
            _ = RefreshAsync(options.Value.RefreshInterval);
        }
    }

    private Task StopAsync()
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var movies = await source.LoadAsync(cancellationToken);
        var version = catalog.Version;
        catalog.Replace(movies);
        // A refresh that found the catalog unchanged (the usual minute) says nothing.
        if (catalog.Version != version || version == 0)
        {
            LogLoaded(logger, catalog.Count);
        }
    }

    private async Task RefreshAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                try
                {
                    await LoadAsync(_stopping.Token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogRefreshFailed(logger, ex, catalog.Count);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Catalog loaded: {Count} films")]
    private static partial void LogLoaded(ILogger logger, int count);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Catalog refresh failed; keeping the {Count} films loaded")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, int count);
}
