using CineMatch.Catalog;
using CineMatch.Domain;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CineMatch.Persistence.MongoDB.Catalog;

/// <summary>The silo's holder of the catalog that grains match against. The host owns it; the refresher swaps in new indexes.</summary>
public interface ICurrentCatalog
{
    void Replace(CatalogIndex index);
}

/// <summary>
/// Reloads the catalog every <see cref="MongoDBCatalogOptions.RefreshInterval"/> and hands the new index to
/// <see cref="ICurrentCatalog"/>. The first load is the host's (at startup); a failed reload keeps the
/// current index and is tried again at the next interval.
/// </summary>
internal sealed partial class CatalogRefresher(
    ICatalogSource source,
    IServiceProvider services,
    IOptions<MongoDBCatalogOptions> options,
    ILogger<CatalogRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Optional so that switching a host to MongoDB never stops it from starting; the warning says what is missing.
        if (services.GetService(typeof(ICurrentCatalog)) is not ICurrentCatalog current)
        {
            LogNoHolder(nameof(ICurrentCatalog));
            return;
        }

        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var index = new CatalogIndex(await source.LoadAsync(stoppingToken));
                current.Replace(index);
                LogReloaded(index.Count);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogReloadFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No {Holder} is registered: the catalog will not be reloaded from MongoDB")]
    private partial void LogNoHolder(string holder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog reloaded: {Count} films")]
    private partial void LogReloaded(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog reload failed; keeping the current catalog until the next try")]
    private partial void LogReloadFailed(Exception exception);
}
