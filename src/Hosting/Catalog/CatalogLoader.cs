using CineMatch.Catalog;
using Microsoft.Extensions.Options;

namespace CineMatch.Hosting.Catalog;

/// <summary>How the silo keeps its in-memory catalog.</summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// <summary>A catalog file to use instead of the bundled one (ignored when a MongoDB catalog source is configured).</summary>
    public string? File { get; set; }

    /// <summary>How often to reload from the source; none: load once at start.</summary>
    public TimeSpan? RefreshInterval { get; set; }
}

/// <summary>
/// Loads the catalog into the silo's <see cref="LiveCatalog"/> before the silo takes traffic, then
/// reloads it on an interval when one is set. A failed reload keeps the catalog the silo already has.
/// </summary>
public sealed class CatalogLoader(
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
        if (options.Value.RefreshInterval is { } interval && interval > TimeSpan.Zero)
        {
            _ = RefreshAsync(interval);
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
        catalog.Replace(movies);
        logger.LogInformation("Catalog loaded: {Count} films", catalog.Count);
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
                    logger.LogWarning(ex, "Catalog refresh failed; keeping the {Count} films loaded", catalog.Count);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
