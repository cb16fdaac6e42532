using CineMatch.Hosting;
using CineMatch.Statistics.MongoDB.Catalog;
using CineMatch.Tests.Kafka;
using CineMatch.Tests.MongoDB;
using CineMatch.Tests.Support;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Tests.Processes;

/// <summary>
/// A deployment made of processes, as on servers: the <c>broker</c> command in one process, silos as
/// <c>dotnet CineMatch.Silo.dll</c> processes configured only through their environment, and MongoDB (a fresh
/// database of the test server, reached through a <see cref="CuttableLink"/>). Only timings are tightened:
/// a silo that vanished is found dead by Orleans' probes in seconds, and the trends are written twice a second.
/// </summary>
public sealed class ProcessDeployment : IAsyncDisposable
{
    public const string Topic = "user-movie-events";
    public const int Partitions = 8;
    private const string Group = "cinematch-stats";

    private readonly MongoServer _mongo;
    private readonly List<SiloNode> _silos = [];
    private readonly Dictionary<(int Partition, long Offset), long> _lineAt = [];
    private int _produced;

    private ProcessDeployment(MongoServer mongo, GoldenScenario golden, IMongoDatabase database, BrokerProgram broker, CuttableLink link)
    {
        _mongo = mongo;
        Golden = golden;
        Database = database;
        Broker = broker;
        MongoLink = link;
    }

    public GoldenScenario Golden { get; }

    public BrokerProgram Broker { get; }

    /// <summary>Every silo's connection to MongoDB goes through this link.</summary>
    public CuttableLink MongoLink { get; }

    public IMongoDatabase Database { get; }

    public string ClusterId { get; } = "proc-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Records of the golden log produced so far.</summary>
    public int Produced => _produced;

    /// <summary>
    /// The broker process, a fresh database, and the golden catalog in <c>movies_catalog</c>, imported by the code of
    /// the <c>import-catalog</c> command (in this process: one process start less on a busy machine).
    /// </summary>
    public static async Task<ProcessDeployment> StartAsync(MongoServer mongo, string scenario)
    {
        var starting = BrokerProgram.StartAsync(Topic, Partitions);
        var golden = GoldenScenario.Load(scenario);
        var database = mongo.Client().GetDatabase(MongoServer.NewDatabaseName());
        await new CatalogImporter().ImportAsync(golden.CatalogPath, database, CancellationToken.None);
        return new ProcessDeployment(mongo, golden, database, await starting, new CuttableLink(mongo.Endpoint));
    }

    /// <summary>A silo process with its own silo, gateway and HTTP ports, on this deployment's broker, cluster and database.</summary>
    public SiloNode StartSilo(string name)
    {
        var (siloPort, gatewayPort, httpPort) = (SiloHosting.FreePort(), SiloHosting.FreePort(), SiloHosting.FreePort());
        var http = new Uri($"http://127.0.0.1:{httpPort}/");
        var membership = SiloHosting.MembershipSection.Replace(":", "__", StringComparison.Ordinal);
        var program = SiloProgram.Start(name, ["--urls", http.ToString()], new Dictionary<string, string>
        {
            ["CINEMATCH_KAFKA"] = Broker.BootstrapServers,
            ["CINEMATCH_MONGO"] = _mongo.Via(MongoLink.Endpoint),
            ["Mongo__Database"] = Database.DatabaseNamespace.DatabaseName,
            ["Orleans__ClusterId"] = ClusterId,
            ["Silo__Port"] = $"{siloPort}",
            ["Silo__GatewayPort"] = $"{gatewayPort}",
            ["Silo__AdvertisedIP"] = "127.0.0.1",
            ["Kafka__Topic"] = Topic,
            ["Kafka__ConsumerGroup"] = Group,
            ["Statistics__TrendsFlushInterval"] = "00:00:00.500",
            // A silo that vanished is suspected after two missed 1 s probes and then voted dead.
            [$"{membership}__ProbeTimeout"] = "00:00:01",
            [$"{membership}__NumMissedProbesLimit"] = "2",
            [$"{membership}__TableRefreshTimeout"] = "00:00:01",
            ["Logging__LogLevel__Default"] = "Warning",
            // Three silos, the broker, MongoDB and the tests share two cores: one GC heap each is plenty.
            ["DOTNET_gcServer"] = "0",
        });
        var silo = new SiloNode(program, siloPort, http);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>
    /// Produces records of the golden log as the backend does: key = <c>user_id</c> (so each user's events stay in
    /// order in one partition), or the raw bytes for a record without one; value = the line's bytes, unchanged.
    /// </summary>
    public async Task ProduceAsync(int count)
    {
        var landed = await FastApiRecords.ProduceAsync(Broker.BootstrapServers, Topic, Golden.Records.Skip(_produced).Take(count));
        foreach (var (position, line) in landed.Select((position, i) => (position, _produced + i)))
        {
            _lineAt[(position.Partition.Value, position.Offset.Value)] = line;
        }

        _produced += count;
    }

    /// <summary>Records processed, summed over the given silos' <c>/kafka/lag</c>.</summary>
    public static async Task<long> ProcessedAsync(params SiloNode[] silos) => (await Task.WhenAll(silos.Select(silo => silo.ProcessedAsync()))).Sum();

    /// <summary>The status (Active, Dead, ...) the membership table in MongoDB gives the silo, or null before it joined.</summary>
    public async Task<string?> MembershipStatusAsync(SiloNode silo)
    {
        var rows = await Database.GetCollection<BsonDocument>("orleans_membership")
            .Find(Builders<BsonDocument>.Filter.Eq("cluster_id", ClusterId) & Builders<BsonDocument>.Filter.Regex("silo_address", new BsonRegularExpression($"^127\\.0\\.0\\.1:{silo.SiloPort}@")))
            .ToListAsync();
        return rows.Select(row => row["status"].AsString).SingleOrDefault();
    }

    /// <summary>Whether every partition is committed to its end, and each partition's committed offset and end ("p0 120/130, ...").</summary>
    public (bool AllCommitted, string Summary) Commits()
    {
        var committed = FastApiRecords.Committed(Broker.BootstrapServers, Group, Topic, Partitions);
        var ends = FastApiRecords.HighWatermarks(Broker.BootstrapServers, Topic, Partitions);
        return (committed.OrderBy(p => p.Key).SequenceEqual(ends.OrderBy(p => p.Key)),
            string.Join(", ", ends.OrderBy(p => p.Key).Select(p => $"p{p.Key} {committed[p.Key]}/{p.Value}")));
    }

    public Task<GoldenDocuments> StoredAsync() => GoldenDocuments.StoredInAsync(Database);

    /// <summary>The golden log's line of a record that MongoDB names by partition and offset; -1 for an unknown one.</summary>
    public long LineOf(int? partition, long? offset) =>
        partition is { } p && offset is { } o && _lineAt.TryGetValue((p, o), out var line) ? line : -1;

    /// <summary>Waits until every partition is committed to its end and the statistics documents are the golden ones.</summary>
    public async Task CommittedAndConvergedAsync(TimeSpan timeout)
    {
        Assert.Equal(Golden.Lines.Count, _produced);
        var state = "nothing observed yet";
        await Eventually.TrueAsync(async () =>
        {
            // Every look reads whole collections from MongoDB, which the silos are writing to: look twice a second.
            await Task.Delay(500);
            var (allCommitted, summary) = Commits();
            if (!allCommitted)
            {
                state = $"committed {summary}";
                return false;
            }

            var stored = await StoredAsync();
            var differences = Golden.StatisticsDifferences(stored.UserStats, stored.MovieCounts, stored.GlobalStats);
            state = $"all committed; {differences.Count} statistics difference(s), e.g. {string.Join(" | ", differences.Take(3))}";
            return differences.Count == 0;
        }, timeout, () => $"every partition committed to its end and the statistics documents equal to the golden ones; last seen: {state}\n{Tails()}");
    }

    /// <summary>Fails with every difference from the golden scenario, dead letters and late events included.</summary>
    public async Task AssertGoldenAsync()
    {
        var differences = Golden.Differences(await StoredAsync(), LineOf);
        var byCollection = differences.GroupBy(difference => difference[..difference.IndexOfAny(['[', ':'])]).Select(group => $"{group.Key} {group.Count()}");
        Assert.True(differences.Count == 0,
            $"{differences.Count} difference(s) from the golden scenario {Golden.Name} ({string.Join(", ", byCollection)}):\n  {string.Join("\n  ", differences.Take(40))}");
    }

    /// <summary>The last output of every silo process, for a failure message.</summary>
    public string Tails() => string.Join("\n", _silos.Select(silo => silo.Program.Tail()));

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        await Broker.DisposeAsync();
        await MongoLink.DisposeAsync();
    }
}
