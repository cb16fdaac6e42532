using CineMatch.Wire;
using Microsoft.Extensions.Options;
using CineMatch.Catalog;
using CineMatch.Events;

namespace CineMatch.Silo.Demo;

/// <summary>
/// A stream a newcomer can watch: thousands of users adding films with Zipf-like popularity over the
/// catalog, deleting some and re-rating others, through the same gateway publisher as real clients.
/// </summary>
public sealed partial class DemoTraffic(IEventPublisher publisher, LiveCatalog catalog, IGrainFactory grains, IOptions<DemoOptions> options, ILogger<DemoTraffic> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (catalog.Count == 0)
        {
            await Task.Delay(200, stoppingToken);
        }

        var settings = options.Value;
        var generator = new DemoEventGenerator(catalog.Films, settings.Users, settings.Skew, settings.Seed);
        var batchesPerSecond = 10;
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / batchesPerSecond));
        var lastReport = DateTime.UtcNow;
        LogStarted(logger, settings.Users, settings.EventsPerSecond, catalog.Count);
        while (await tick.WaitForNextTickAsync(stoppingToken))
        {
            var batch = Enumerable.Range(0, Math.Max(1, settings.EventsPerSecond / batchesPerSecond))
                .Select(_ => generator.Next(DateTimeOffset.UtcNow))
                .Select(movieEvent => new IncomingEvent(movieEvent, EventJson.Serialize(movieEvent)))
                .ToList();
            await publisher.PublishAsync(batch, stoppingToken);
            if (DateTime.UtcNow - lastReport > TimeSpan.FromSeconds(10))
            {
                lastReport = DateTime.UtcNow;
                var trends = await grains.GetGrain<IGlobalTrendsGrain>(0).GetSnapshotAsync();
                LogProgress(
                    logger,
                    trends.TotalUsers,
                    trends.TotalEntries,
                    string.Join(" | ", trends.TopMovies.Take(3).Select(movie => $"{movie.Title} ({movie.Count})")));
            }
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Demo traffic: {Users} users, {Rate} events/s over {Films} films")]
    private static partial void LogStarted(ILogger logger, int users, int rate, int films);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Demo: {Users} users, {Entries} entries; top 3: {Top}")]
    private static partial void LogProgress(ILogger logger, long users, long entries, string top);
}
