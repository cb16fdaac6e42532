using System.Net;
using System.Text.Json.Nodes;
using CineMatch.Catalog;
using CineMatch.Documents;
using CineMatch.Events;
using CineMatch.Hosting.Catalog;
using CineMatch.Hosting.InMemory;
using CineMatch.Hosting;
using CineMatch.Persistence.MongoDB;
using CineMatch.Statistics.MongoDB.Catalog;
using CineMatch.Silo.Commands;
using CineMatch.Statistics.MongoDB;
using CineMatch.Streaming.Kafka.Hosting;
using CineMatch.Streaming.Kafka.Monitoring;
using CineMatch.Tests.Kafka;
using CineMatch.Tests.MongoDB;
using CineMatch.Tests.Support;
using CineMatch.Wire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MongoDB.Bson;
using MongoDB.Driver;
using Orleans.Configuration;

namespace CineMatch.Tests.Resilience;

/// <summary>The shared servers of the resilience tests: a MongoDB and a Kafka broker that outlive every silo.</summary>
[CollectionDefinition(Name)]
public sealed class ResilienceCollection : ICollectionFixture<MongoServer>, ICollectionFixture<KafkaBrokerFixture>
{
    public const string Name = "resilience";
}

/// <summary>
/// One production deployment under test: a topic, a consumer group, a MongoDB database holding the catalog,
/// and silos built by <see cref="SiloHosting.ConfigureSilo"/> exactly as the server builds them (Kafka event log,
/// MongoDB for state, membership and documents), with only timings tightened so that failover is quick.
/// Each silo reaches MongoDB through its own <see cref="CuttableLink"/>.
/// </summary>
public sealed class ChaosDeployment(MongoServer mongo, KafkaBrokerFixture kafka)
{
    public const int Partitions = 8;
    private const int CatalogFilms = 60;

    private static readonly SemaphoreSlim CatalogGate = new(1, 1);
    private static (string File, IReadOnlyList<CatalogMovie> Films)? _catalog;

    public IMongoDatabase Database { get; } = mongo.NewDatabase();

    public string Topic { get; } = kafka.NewTopic(Partitions);

    public string ClusterId { get; } = "chaos-" + Guid.NewGuid().ToString("N")[..8];

    public string Group => $"stats-{Topic}";

    /// <summary>The log of a test, the replay's documents for it, and a fresh deployment with the catalog imported.</summary>
    public static async Task<(ChaosDeployment Deployment, List<MovieEvent> Log, Outcome Expected)> PrepareAsync(MongoServer mongo, KafkaBrokerFixture kafka, int seed)
    {
        var log = await TrafficAsync(seed, users: 300, events: 3000);
        var expected = await ReplayAsync(log);
        var deployment = new ChaosDeployment(mongo, kafka);
        await deployment.ImportCatalogAsync();
        return (deployment, log, expected);
    }

    /// <summary>
    /// The end of every test, once the whole log is produced: MongoDB holds the replay's documents, every partition
    /// is committed to the end, and no valid event was set aside as a dead letter.
    /// </summary>
    /// <param name="running">The silos still running: a failure shows where each of them stands on its partitions.</param>
    public async Task EndsAsTheReplayAsync(Outcome expected, TimeSpan timeout, params ChaosSilo[] running)
    {
        await ConvergesToAsync(expected, timeout, () => Progress(running));
        await Eventually.TrueAsync(CommittedToTheEnd, TimeSpan.FromSeconds(30), () => $"the log was not committed to the end\n{Progress(running)}");
        Assert.Empty(await DeadLettersAsync());
    }

    /// <summary>
    /// A realistic log for <paramref name="users"/> users: films of the catalog (by title and year, some by imdb id)
    /// and a few unknown ones, RECALCULATE resends and duplicates, all inside one watermark (50 minutes).
    /// </summary>
    public static async Task<List<MovieEvent>> TrafficAsync(int seed, int users, int events)
    {
        var (_, films) = await CatalogAsync();
        var random = new Random(seed);
        var refs = films.Select(film => random.Next(4) == 0 && film.ImdbId is not null
                ? new FilmRef(film.Title, null, film.ImdbId)
                : new FilmRef(film.Title, film.Year))
            .Concat(Enumerable.Range(0, 12).Select(i => new FilmRef($"Home Video {i}", 2020 + (i % 5))))
            .ToList();
        var ids = Enumerable.Range(0, users).Select(u => $"u{seed}-{u:D4}").ToList();
        var log = RandomEvents.Generate(seed, events, ids, refs, TimeSpan.FromMinutes(50) / events);
        return RandomEvents.WithResendsAndDuplicates(log, seed);
    }

    /// <summary>Fills <c>movies_catalog</c> the production way (import-catalog), from a slice of the bundled catalog.</summary>
    public async Task ImportCatalogAsync()
    {
        var (file, _) = await CatalogAsync();
        await ImportCatalogAsync(file);
    }

    /// <summary>Fills <c>movies_catalog</c> the production way (import-catalog) from a catalog file.</summary>
    public Task ImportCatalogAsync(string file) => new CatalogImporter().ImportAsync(file, Database, default);

    /// <summary>Produces the log as the backend does: key = user_id, value = the event JSON, in log order.</summary>
    public Task ProduceAsync(IEnumerable<MovieEvent> log) =>
        ProduceAsync(log.Select(e => ((string?)e.UserId, EventJson.Serialize(e))));

    /// <summary>Produces records as given, in order; returns the partition and offset where each one landed.</summary>
    public Task<IReadOnlyList<Confluent.Kafka.TopicPartitionOffset>> ProduceAsync(IEnumerable<(string? Key, string Value)> records) =>
        FastApiRecords.ProduceAsync(kafka.BootstrapServers, Topic, records);

    /// <summary>
    /// The log in two parts: the first two thirds, then the rest. A test produces the first part, disturbs the
    /// silos once a third of the log is processed, and only then produces the rest; so the disturbance always
    /// comes mid-stream, whichever of production and processing is faster.
    /// </summary>
    public static (MovieEvent[] Before, MovieEvent[] After) SplitForDisturbance(IReadOnlyList<MovieEvent> log) =>
        (log.Take(log.Count * 2 / 3).ToArray(), log.Skip(log.Count * 2 / 3).ToArray());

    /// <summary>Whether a third of the log is processed: when a test disturbs the silos.</summary>
    public static bool AThirdProcessed(IReadOnlyList<MovieEvent> log, long processed) => processed >= log.Count / 3;

    /// <summary>A silo of this deployment; <paramref name="ports"/> reuses an earlier silo's ports, as a restarted pod would.</summary>
    public async Task<ChaosSilo> StartSiloAsync((int Silo, int Gateway)? ports = null)
    {
        var link = new CuttableLink(mongo.Endpoint);
        var (siloPort, gatewayPort) = ports ?? (SiloHosting.FreePort(), SiloHosting.FreePort());
        var settings = new DeploymentSettings
        {
            MongoConnectionString = mongo.Via(link.Endpoint),
            MongoDatabase = Database.DatabaseNamespace.DatabaseName,
            EventLog = EventLogKind.Kafka,
            KafkaBootstrapServers = kafka.BootstrapServers,
            KafkaTopic = Topic,
            KafkaConsumerGroup = Group,
            KafkaPartitions = Partitions,
            ClusterId = ClusterId,
            SiloPort = siloPort,
            GatewayPort = gatewayPort,
            AdvertisedIP = IPAddress.Loopback.ToString(),
        };

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Error);
        builder.Configuration["Statistics:TrendsFlushInterval"] = "00:00:00.300";
        builder.UseOrleans(silo =>
        {
            SiloHosting.ConfigureSilo(silo, settings);
            ConfigureFastFailover(silo);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new ChaosSilo(host, link, (siloPort, gatewayPort));
    }

    /// <summary>
    /// Timings only, over the production wiring: a dead silo is noticed in a few seconds, the pulling agents
    /// look for records often, and completed offsets are committed ten times a second.
    /// </summary>
    private static void ConfigureFastFailover(ISiloBuilder silo)
    {
        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = TimeSpan.FromSeconds(1);
            membership.NumMissedProbesLimit = 2;
            membership.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
            membership.TableRefreshTimeout = TimeSpan.FromSeconds(1);
        });
        silo.Services.Configure<KafkaCheckpointOptions>(StreamNames.Provider, checkpoint => checkpoint.CheckpointInterval = TimeSpan.FromMilliseconds(100));
        silo.Services.Configure<StreamPullingAgentOptions>(StreamNames.Provider, agent => agent.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(20));
    }

    /// <summary>The truth: the same log through the replay command's in-memory silo.</summary>
    public static async Task<Outcome> ReplayAsync(IReadOnlyList<MovieEvent> log)
    {
        var (_, films) = await CatalogAsync();
        using var host = ReplayCommand.BuildHost(films);
        await host.StartAsync();
        var summary = await ReplayCommand.ReplayAsync(host.Services, [.. log.Select(EventJson.Serialize)]);
        Assert.Equal(0, summary.DeadLetters);
        var outcome = Outcome.Of(host.Services.GetRequiredService<InMemoryStatisticsStore>());
        await host.StopAsync();
        return outcome;
    }

    /// <summary>What MongoDB holds now, in the same comparable form as the replay's documents.</summary>
    public async Task<Outcome> StoredAsync()
    {
        async Task<List<T>> All<T>(string collection) =>
            [.. (await Database.GetCollection<BsonDocument>(collection).Find(FilterDefinition<BsonDocument>.Empty).ToListAsync())
                .Select(document => BsonJson.FromBson<T>(document, DocumentJson.Options)!)];

        var userStats = await All<UserStatsDocument>(CollectionNames.UserStats);
        var movieCounts = await All<MovieCountDocument>(CollectionNames.MovieCounts);
        var global = (await Database.GetCollection<BsonDocument>(CollectionNames.GlobalStats)
            .Find(Builders<BsonDocument>.Filter.Eq("type", "global_trends")).ToListAsync())
            .Select(document => BsonJson.FromBson<GlobalStatsDocument>(document, DocumentJson.Options)!)
            .SingleOrDefault();
        return new Outcome(
            string.Join("\n", userStats.OrderBy(doc => doc.UserId, StringComparer.Ordinal).Select(Outcome.Json)),
            string.Join("\n", movieCounts.OrderBy(doc => doc.Id, StringComparer.Ordinal).Select(Outcome.Json)),
            global is null ? "" : Outcome.Json(global));
    }

    public Task<long> UserStatsCountAsync() =>
        Database.GetCollection<BsonDocument>(CollectionNames.UserStats).CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty);

    public async Task<List<BsonDocument>> DeadLettersAsync() =>
        await Database.GetCollection<BsonDocument>(CollectionNames.DeadLetters).Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();

    /// <summary>Waits until the documents in MongoDB are the replay's; on timeout, fails with where they differ.</summary>
    public async Task ConvergesToAsync(Outcome expected, TimeSpan timeout, Func<string> progress)
    {
        var stored = await StoredAsync();
        var deadline = DateTime.UtcNow + timeout;
        while (stored != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            stored = await StoredAsync();
        }

        Assert.True(stored == expected, $"MongoDB did not converge to the replay within {timeout}:\n{Outcome.Differences(expected, stored)}{progress()}");
    }

    private string Progress(IEnumerable<ChaosSilo> silos) =>
        $"committed offsets: {string.Join(" ", CommittedOffsets().OrderBy(o => o.Key).Select(o => $"{o.Key}:{o.Value}"))}\n" +
        string.Concat(silos.Select((silo, i) => $"silo {i} reads: {string.Join("; ", silo.Partitions.OrderBy(p => p.Partition).Select(p =>
            $"{p.Partition}: processed {p.Processed}/{p.HighWatermark}, committed {p.Committed}, in flight {p.InFlight}"))}\n"));

    /// <summary>Whether every partition's committed offset reached the end of the log.</summary>
    public bool CommittedToTheEnd() =>
        CommittedOffsets().SequenceEqual(FastApiRecords.HighWatermarks(kafka.BootstrapServers, Topic, Partitions));

    /// <summary>The consumer group's committed offset per partition (-1 when none).</summary>
    public Dictionary<int, long> CommittedOffsets() => FastApiRecords.Committed(kafka.BootstrapServers, Group, Topic, Partitions);

    private static async Task<(string File, IReadOnlyList<CatalogMovie> Films)> CatalogAsync()
    {
        await CatalogGate.WaitAsync();
        try
        {
            if (_catalog is null)
            {
                var all = JsonNode.Parse(await File.ReadAllTextAsync(JsonFileCatalogSource.BundledPath))!.AsArray();
                var file = Path.Combine(Path.GetTempPath(), $"chaos-catalog-{Guid.NewGuid():N}.json");
                await File.WriteAllTextAsync(file, new JsonArray([.. all.Take(CatalogFilms).Select(film => film!.DeepClone())]).ToJsonString());
                _catalog = (file, await new JsonFileCatalogSource(file).LoadAsync(CancellationToken.None));
            }

            return _catalog.Value;
        }
        finally
        {
            CatalogGate.Release();
        }
    }
}

/// <summary>A running silo of a <see cref="ChaosDeployment"/>, and the ways it ends.</summary>
public sealed class ChaosSilo(IHost host, CuttableLink link, (int Silo, int Gateway) ports) : IAsyncDisposable
{
    private bool _stopped;

    public IHost Host => host;

    /// <summary>The silo's own connection to MongoDB.</summary>
    public CuttableLink MongoLink => link;

    public (int Silo, int Gateway) Ports => ports;

    /// <summary>The partitions this silo reads now, as its lag monitor reports them.</summary>
    public IReadOnlyList<PartitionLag> Partitions => host.Services.GetRequiredService<IKafkaLagMonitor>().GetLag();

    /// <summary>Records below the processed offset of each partition this silo reads.</summary>
    public long Processed => Partitions.Sum(partition => Math.Max(0, partition.Processed));

    /// <summary>Orderly: grains deactivate, the receivers commit what is complete, the silo leaves the membership table.</summary>
    public async Task StopAsync()
    {
        _stopped = true;
        await host.StopAsync();
        host.Dispose();
        await link.DisposeAsync();
    }

    /// <summary>
    /// A fast stop, the nearest thing to a crash inside one process (no real process dies here; the SIGKILL tests
    /// run silo processes): Orleans' fast kill, as TestCluster's KillSiloAsync does it, a stop with an already
    /// cancelled token. No grain is deactivated (no last state write, no final trends write), the pulling agents
    /// drop their queues at once without handing them over, and what was in flight is abandoned. The silo can
    /// still say in the membership table that it is gone, which only saves the others the probes; threads that
    /// were mid-call finish their call, as the last packets of a dying process would.
    /// </summary>
    public async Task FastStopAsync()
    {
        _stopped = true;
        try
        {
            await host.StopAsync(new CancellationToken(canceled: true));
        }
        catch (OperationCanceledException)
        {
            // Expected: nothing of the stop was waited for.
        }

        host.Dispose();
        await link.DisposeAsync();
    }

    /// <summary>The silo leaves mid-stream: fast-stopped, or stopped in order.</summary>
    public Task LeaveAsync(bool fastStop) => fastStop ? FastStopAsync() : StopAsync();

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await StopAsync();
        }
    }
}
