using System.Text.Json;
using System.Text.Json.Nodes;
using CineMatch.Catalog;
using CineMatch.Events;
using CineMatch.Hosting;
using CineMatch.Hosting.Gateway;
using CineMatch.Hosting.InMemory;
using CineMatch.Persistence.MongoDB;
using CineMatch.Silo.Commands;
using CineMatch.Statistics.MongoDB;
using CineMatch.Statistics.MongoDB.Catalog;
using CineMatch.Tests.Support;
using CineMatch.Wire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Tests.MongoDB;

/// <summary>
/// The real grains on a silo in MongoDB mode (catalog, history, sinks, grain state in one fresh database of the suite's
/// MongoDB) fed the normal way: events published on the users' streams, as the gateway does in memory-stream mode.
/// Its documents can be compared with those of the replay command for a log of events alone.
/// </summary>
public sealed class StreamingMongoSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private StreamingMongoSilo(IHost host, IMongoDatabase database)
    {
        _host = host;
        Database = database;
    }

    public IMongoDatabase Database { get; }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <param name="settings">Configuration on top of the defaults, e.g. <c>Catalog:RefreshInterval</c>.</param>
    public static async Task<StreamingMongoSilo> StartAsync(MongoServer server, IReadOnlyList<CatalogMovie> catalog, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = server.NewDatabase();
        await InsertCatalogAsync(database, catalog);
        // These tests feed the list through the stream with fixed past event times; the bootstrap would adopt the
        // movies collection as of now (processing time) and win over them (BootstrapTests cover the bootstrap).
        var configuration = new Dictionary<string, string?> { ["Bootstrap:Enabled"] = "false" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var host = await MongoSilo.StartAsync(server, database, "streaming-" + database.DatabaseNamespace.DatabaseName, configuration);
        return new StreamingMongoSilo(host, database);
    }

    /// <summary>Films the backend stores in <c>movies_catalog</c>, in the stored form.</summary>
    public static Task InsertCatalogAsync(IMongoDatabase database, IEnumerable<CatalogMovie> films) =>
        Collection(database, CollectionNames.MoviesCatalog).InsertManyAsync(films.Select(CatalogDocument.ToBson));

    public static IMongoCollection<BsonDocument> Collection(IMongoDatabase database, string name) => database.GetCollection<BsonDocument>(name);

    /// <summary>Publishes the events as one batch per user, in order, on the users' streams.</summary>
    public Task PublishAsync(params MovieEvent[] events) =>
        new OrleansStreamEventPublisher(_host.Services.GetRequiredService<IClusterClient>())
            .PublishAsync([.. events.Select(e => new IncomingEvent(e, EventJson.Serialize(e)))], CancellationToken.None);

    /// <summary>Waits until the stored user_stats, movie_counts and global_stats are those the replay of <paramref name="log"/> alone writes.</summary>
    public async Task AssertDocumentsOfAsync(IReadOnlyList<CatalogMovie> catalog, IReadOnlyList<MovieEvent> log, string because)
    {
        var expected = await ReplayAloneAsync(catalog, log);
        var differences = new List<string>();
        await Eventually.TrueAsync(
            async () =>
            {
                // The counters report on; a flush writes what they reported.
                await Grains.GetGrain<IGlobalTrendsGrain>(0).FlushAsync();
                differences = await DifferencesAsync(expected);
                return differences.Count == 0;
            },
            TimeSpan.FromSeconds(30),
            () => $"{because}: the stored documents to equal the replay of the log alone; differences:\n{string.Join("\n", differences)}");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static async Task<InMemoryStatisticsStore> ReplayAloneAsync(IReadOnlyList<CatalogMovie> catalog, IReadOnlyList<MovieEvent> log)
    {
        using var host = ReplayCommand.BuildHost(catalog);
        await host.StartAsync();
        await ReplayCommand.ReplayAsync(host.Services, [.. log.Select(EventJson.Serialize)]);
        await host.StopAsync();
        return host.Services.GetRequiredService<InMemoryStatisticsStore>();
    }

    private async Task<List<string>> DifferencesAsync(InMemoryStatisticsStore expected)
    {
        var differences = new List<string>();
        Compare("user_stats", expected.UserStats.Values.OrderBy(doc => doc.UserId, StringComparer.Ordinal).Select(Json), await StoredAsync(CollectionNames.UserStats, "user_id"), differences);
        Compare("movie_counts", expected.MovieCounts.Values.OrderBy(doc => doc.Id, StringComparer.Ordinal).Select(Json), await StoredAsync(CollectionNames.MovieCounts, "_id"), differences, keepId: true);
        Compare("global_stats", expected.GlobalStats is { } global ? [Json(global)] : [], await StoredAsync(CollectionNames.GlobalStats, "type"), differences);
        return differences;
    }

    private async Task<List<JsonObject>> StoredAsync(string collection, string orderBy)
    {
        var documents = await Collection(Database, collection).Find(FilterDefinition<BsonDocument>.Empty).Sort(Builders<BsonDocument>.Sort.Ascending(orderBy)).ToListAsync();
        return [.. documents.Select(document => BsonJson.FromBson<JsonObject>(document, DocumentJson.Options)!)];
    }

    private static JsonObject Json<T>(T document) => JsonSerializer.SerializeToNode(document, DocumentJson.Options)!.AsObject();

    private static void Compare(string collection, IEnumerable<JsonObject> expected, List<JsonObject> stored, List<string> differences, bool keepId = false)
    {
        var wanted = expected.Select(document => WithoutWriteDetails(document, keepId)).ToList();
        var found = stored.Select(document => WithoutWriteDetails(document, keepId)).ToList();
        if (wanted.Count != found.Count)
        {
            differences.Add($"{collection}: {found.Count} document(s) stored, {wanted.Count} expected");
        }

        foreach (var (want, have) in wanted.Zip(found).Where(pair => !JsonNode.DeepEquals(pair.First, pair.Second)))
        {
            differences.Add($"{collection}:\n  expected {want.ToJsonString()}\n  stored   {have.ToJsonString()}");
        }
    }

    // MongoDB adds an ObjectId to documents keyed otherwise (movie_counts is keyed by film); write times differ by nature.
    private static JsonObject WithoutWriteDetails(JsonObject document, bool keepId)
    {
        var copy = document.DeepClone().AsObject();
        if (!keepId)
        {
            copy.Remove("_id");
        }

        copy.Remove("updated_at");
        return copy;
    }
}
