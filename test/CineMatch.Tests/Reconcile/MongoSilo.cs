using CineMatch.Events;
using CineMatch.Statistics;
using CineMatch.Tests.MongoDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Tests.Reconcile;

/// <summary>A silo on the test database, as production wires it (MongoDB for everything), and a backend that writes <c>movies</c> and sends events.</summary>
public sealed class MongoSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly IMongoDatabase _database;
    // Shared by every silo of the process: a restarted silo must not reuse the offsets a grain already recorded as processed.
    private static long s_offset;

    private MongoSilo(IHost host, IMongoDatabase database)
    {
        _host = host;
        _database = database;
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<MongoSilo> StartAsync(MongoServer server, IMongoDatabase database, string clusterId, bool bootstrap)
    {
        var host = await MongoDB.MongoSilo.StartAsync(server, database, clusterId, new Dictionary<string, string?>
        {
            ["Bootstrap:Enabled"] = bootstrap ? "true" : "false",
            ["Statistics:TrendsFlushInterval"] = "00:00:01",
        });
        return new MongoSilo(host, database);
    }

    /// <summary>What the backend does when a user adds a film: the <c>movies</c> document first, then the event.</summary>
    public async Task AddAsync(string user, string name, int year, DateTimeOffset at)
    {
        await MoviesCollection.InsertAsync(_database, [MoviesCollection.Film(user, new WatchedFilm { Name = name, Year = year, Rating = 4, Genres = ["Drama"] }, at)]);
        await SendAsync(Support.Events.Add(user, name, year, at, rating: 4, genres: ["Drama"]));
    }

    public Task SendAsync(MovieEvent movieEvent)
    {
        var offset = Interlocked.Increment(ref s_offset);
        return Grains.GetGrain<IUserStatsGrain>(movieEvent.UserId).ApplyAsync([new SequencedEvent(movieEvent with { Position = new LogPosition(0, offset) }, offset)]);
    }

    public Task FlushTrendsAsync() => Grains.GetGrain<IGlobalTrendsGrain>(0).FlushAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
