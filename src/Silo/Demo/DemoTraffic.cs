using CineMatch.Wire;
using Microsoft.Extensions.Options;
using CineMatch.Catalog;
using CineMatch.Events;

namespace CineMatch.Silo.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    public int Users { get; set; } = 3000;

    public int EventsPerSecond { get; set; } = 400;

    /// <summary>Zipf exponent of film popularity: higher makes the head of the Top 10 steadier.</summary>
    public double Skew { get; set; } = 1.1;

    public int Seed { get; set; } = 42;
}

/// <summary>
/// A stream a newcomer can watch: thousands of users adding films with Zipf-like popularity over the
/// catalog, deleting some and re-rating others, through the same gateway publisher as real clients.
/// </summary>
public sealed class DemoTraffic(IEventPublisher publisher, LiveCatalog catalog, IGrainFactory grains, IOptions<DemoOptions> options, ILogger<DemoTraffic> logger)
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
        logger.LogInformation("Demo traffic: {Users} users, {Rate} events/s over {Films} films", settings.Users, settings.EventsPerSecond, catalog.Count);
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
                logger.LogInformation(
                    "Demo: {Users} users, {Entries} entries; top 3: {Top}",
                    trends.TotalUsers,
                    trends.TotalEntries,
                    string.Join(" | ", trends.TopMovies.Take(3).Select(movie => $"{movie.Title} ({movie.Count})")));
            }
        }
    }
}
