using CineMatch.Persistence.MongoDB;
using CineMatch.Persistence.MongoDB.Clustering;
using CineMatch.Persistence.MongoDB.Storage;
using CineMatch.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace CineMatch.Tests.MongoDB;

public interface IMongoProbeGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<string>> AddAsync(string film);

    Task<IReadOnlyList<string>> GetAsync();
}

/// <summary>A grain whose state lives in the MongoDB storage provider under test.</summary>
public sealed class MongoProbeGrain([PersistentState("probe", MongoClusterTests.StorageName)] IPersistentState<ProbeState> state)
    : Grain, IMongoProbeGrain
{
    public async Task<IReadOnlyList<string>> AddAsync(string film)
    {
        state.State.Films.Add(film);
        await state.WriteStateAsync();
        return state.State.Films;
    }

    public Task<IReadOnlyList<string>> GetAsync() => Task.FromResult<IReadOnlyList<string>>(state.State.Films);
}

/// <summary>Two silos that find each other, and a client that finds them, only through MongoDB.</summary>
[Collection(MongoServerCollection.Name)]
public sealed class MongoClusterTests(MongoServer server) : IAsyncLifetime
{
    public const string StorageName = "mongo-test";

    private const string ConnectionKey = "MongoTest:ConnectionString";
    private const string DatabaseKey = "MongoTest:Database";

    private readonly string _database = MongoServer.NewDatabaseName();
    private TestCluster _cluster = null!;

    // The classic TestCluster, because only it lets a test replace the test membership with a real table.
    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.Options.UseTestClusterMembership = false;
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [ConnectionKey] = server.ConnectionString,
            [DatabaseKey] = _database,
        }));
        builder.AddSiloBuilderConfigurator<MongoSilo>();
        builder.AddClientBuilderConfigurator<MongoClient>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Both_silos_join_through_MongoDB_and_the_client_reaches_them_through_its_gateway_list()
    {
        Assert.Equal(2, (await ActiveSilosAsync()).Length);
        Assert.Equal(["Active", "Active"], (await Rows()).Select(row => row["status"].AsString));

        // The client was configured with nothing but MongoDB: any answer proves the gateway list.
        var added = await _cluster.Client.GetGrain<IMongoProbeGrain>("alice").AddAsync("Alien");
        Assert.Equal(["Alien"], added);
        Assert.Equal(2, (await Gateways().GetGateways()).Count);
    }

    [Fact]
    public async Task When_a_silo_leaves_the_other_sees_it_and_the_table_marks_it_dead()
    {
        var leaving = _cluster.Silos[1];
        await _cluster.StopSiloAsync(leaving);

        await Eventually.TrueAsync(async () => (await ActiveSilosAsync()).Length == 1, "the remaining silo sees one active silo", TimeSpan.FromSeconds(30));
        var rows = await Rows();
        Assert.Equal("Dead", rows.Single(row => row["silo_address"] == leaving.SiloAddress.ToParsableString())["status"].AsString);
        Assert.Equal([_cluster.Silos[0].SiloAddress], await ActiveSilosAsync());
        Assert.Single(await Gateways().GetGateways());
    }

    [Fact]
    public async Task A_grain_state_survives_deactivation_in_its_own_document()
    {
        var alice = _cluster.Client.GetGrain<IMongoProbeGrain>("alice");
        await alice.AddAsync("Alien");
        await alice.AddAsync("Heat");
        await _cluster.Client.GetGrain<IMongoProbeGrain>("bob").AddAsync("Ran");
        await _cluster.DeactivateAsync(alice);

        Assert.Equal(["Alien", "Heat"], await alice.GetAsync());
        var documents = await Database().GetCollection<BsonDocument>("grains_mongoprobe_probe").Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();
        Assert.Equal(["mongoprobe/alice", "mongoprobe/bob"], documents.Select(d => d["_id"].AsString).Order());
    }

    private static Action<MongoDBConnectionOptions> Connect(IConfiguration configuration) => options =>
    {
        options.ConnectionString = configuration[ConnectionKey];
        options.DatabaseName = configuration[DatabaseKey]!;
    };

    private IMongoDatabase Database() => server.Client().GetDatabase(_database);

    private Task<List<BsonDocument>> Rows() =>
        Database().GetCollection<BsonDocument>("orleans_membership")
            .Find(Builders<BsonDocument>.Filter.Exists("silo_address"))
            .ToListAsync();

    private async Task<SiloAddress[]> ActiveSilosAsync() =>
        (await _cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys.ToArray();

    private MongoGatewayListProvider Gateways()
    {
        var options = new MongoDBClusteringOptions { Client = server.Client(), DatabaseName = _database };
        return new MongoGatewayListProvider(
            Options.Create(options),
            Options.Create(new ClusterOptions { ClusterId = _cluster.Options.ClusterId }),
            Options.Create(new GatewayOptions()));
    }

    private sealed class MongoSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo
            .UseMongoDBClustering(Connect(silo.Configuration))
            .AddMongoDBGrainStorage(StorageName, Connect(silo.Configuration));
    }

    private sealed class MongoClient : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client) => client.UseMongoDBClustering(Connect(configuration));
    }
}
