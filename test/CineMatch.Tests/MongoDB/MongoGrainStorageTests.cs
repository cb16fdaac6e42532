using System.ComponentModel.DataAnnotations;
using CineMatch.Persistence.MongoDB.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Driver;
using Orleans.Runtime;
using Orleans.Storage;

namespace CineMatch.Tests.MongoDB;

/// <summary>A grain state the way the CineMatch grains write theirs: properties, a list, a string-keyed dictionary.</summary>
public sealed class ProbeState
{
    public string Name { get; set; } = "";
    public long Sequence { get; set; }
    public double Score { get; set; }
    public List<string> Films { get; set; } = [];
    public Dictionary<string, int> Counts { get; set; } = [];
}

/// <summary>The storage provider called directly, as Orleans calls it.</summary>
[Collection(MongoServerCollection.Name)]
public sealed class MongoGrainStorageTests(MongoServer server)
{
    private const string StateName = "probe";
    private static readonly GrainId Alice = GrainId.Create("probe", "alice");
    private static readonly GrainId Bob = GrainId.Create("probe", "bob");

    private readonly string _database = MongoServer.NewDatabaseName();

    [Fact]
    public async Task A_written_state_reads_back_equal_and_is_stored_as_a_readable_document()
    {
        var storage = Storage();
        var written = new GrainState<ProbeState>(new ProbeState
        {
            Name = "Alice",
            Sequence = 5_000_000_000,
            Score = 4.25,
            Films = ["Alien", "Heat"],
            Counts = new() { ["Mr. Smith Goes to Washington"] = 2, ["$weird"] = 1 },
        });
        await storage.WriteStateAsync(StateName, Alice, written);

        var read = Fresh();
        await storage.ReadStateAsync(StateName, Alice, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equivalent(written.State, read.State, strict: true);

        var stored = await Documents().Find(FilterDefinition<BsonDocument>.Empty).SingleAsync();
        Assert.Equal(Alice.ToString(), stored["_id"].AsString);
        Assert.Equal(read.ETag, stored["_etag"].AsString);
        Assert.Equal(new BsonArray { "Alien", "Heat" }, stored["state"]["Films"]);
        Assert.Equal(5_000_000_000, stored["state"]["Sequence"].AsInt64);
    }

    [Fact]
    public async Task With_an_Orleans_storage_serializer_the_state_is_stored_as_its_bytes_and_reads_back_equal()
    {
        var serializer = new JsonBytesSerializer();
        var storage = Storage(options => options.GrainStorageSerializer = serializer);
        var written = new GrainState<ProbeState>(new ProbeState { Name = "Alice", Films = ["Alien"] });
        await storage.WriteStateAsync(StateName, Alice, written);

        var read = Fresh();
        await storage.ReadStateAsync(StateName, Alice, read);

        Assert.Equivalent(written.State, read.State, strict: true);
        var stored = await Documents().Find(FilterDefinition<BsonDocument>.Empty).SingleAsync();
        Assert.Equal(serializer.Serialize(written.State).ToArray(), stored["state"].AsByteArray);
    }

    [Fact]
    public async Task A_missing_grain_reads_as_a_fresh_state_without_record()
    {
        var read = new GrainState<ProbeState>(new ProbeState { Name = "left over" });
        await Storage().ReadStateAsync(StateName, Alice, read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal("", read.State!.Name);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_fails_and_leaves_the_newer_state()
    {
        var storage = Storage();
        await storage.WriteStateAsync(StateName, Alice, new GrainState<ProbeState>(new ProbeState { Name = "v1" }));
        var first = Fresh();
        var second = Fresh();
        await storage.ReadStateAsync(StateName, Alice, first);
        await storage.ReadStateAsync(StateName, Alice, second);

        first.State!.Name = "v2";
        await storage.WriteStateAsync(StateName, Alice, first);
        second.State!.Name = "stale";
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Alice, second));

        // A newcomer that never read (no etag) must not overwrite either: its insert hits the existing _id.
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(StateName, Alice, new GrainState<ProbeState>(new ProbeState { Name = "blind" })));

        var read = Fresh();
        await storage.ReadStateAsync(StateName, Alice, read);
        Assert.Equal("v2", read.State!.Name);
    }

    [Fact]
    public async Task Clearing_deletes_the_document_and_a_stale_clear_fails()
    {
        var storage = Storage();
        var state = new GrainState<ProbeState>(new ProbeState { Name = "v1" });
        await storage.WriteStateAsync(StateName, Alice, state);
        var stale = Fresh();
        await storage.ReadStateAsync(StateName, Alice, stale);
        await storage.WriteStateAsync(StateName, Alice, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, Alice, stale));
        await storage.ClearStateAsync(StateName, Alice, state);

        Assert.False(state.RecordExists);
        Assert.Equal(0, await Documents().CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
        var read = Fresh();
        await storage.ReadStateAsync(StateName, Alice, read);
        Assert.False(read.RecordExists);

        // After a clear the grain writes again from scratch.
        state.State!.Name = "v2";
        await storage.WriteStateAsync(StateName, Alice, state);
        await storage.ReadStateAsync(StateName, Alice, read);
        Assert.Equal("v2", read.State!.Name);
    }

    [Fact]
    public async Task Clearing_can_keep_a_marked_document_so_old_etags_stay_invalid()
    {
        var storage = Storage(options => options.DeleteStateOnClear = false);
        var state = new GrainState<ProbeState>(new ProbeState { Name = "v1" });
        await storage.WriteStateAsync(StateName, Alice, state);
        var stale = Fresh();
        await storage.ReadStateAsync(StateName, Alice, stale);

        await storage.ClearStateAsync(StateName, Alice, state);

        var stored = await Documents().Find(FilterDefinition<BsonDocument>.Empty).SingleAsync();
        Assert.True(stored["state"].IsBsonNull);
        Assert.NotNull(state.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Alice, stale));
        var read = Fresh();
        await storage.ReadStateAsync(StateName, Alice, read);
        Assert.False(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task Grains_never_share_a_document()
    {
        var storage = Storage();
        await storage.WriteStateAsync(StateName, Alice, new GrainState<ProbeState>(new ProbeState { Name = "alice" }));
        await storage.WriteStateAsync(StateName, Bob, new GrainState<ProbeState>(new ProbeState { Name = "bob" }));
        var otherType = GrainId.Create("otherprobe", "alice");
        await storage.WriteStateAsync(StateName, otherType, new GrainState<ProbeState>(new ProbeState { Name = "other" }));

        var alice = Fresh();
        var bob = Fresh();
        var other = Fresh();
        await storage.ReadStateAsync(StateName, Alice, alice);
        await storage.ReadStateAsync(StateName, Bob, bob);
        await storage.ReadStateAsync(StateName, otherType, other);

        Assert.Equal(["alice", "bob", "other"], new[] { alice.State!.Name, bob.State!.Name, other.State!.Name });
        Assert.Equal(2, await Documents().CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
        Assert.Equal(
            ["grains_otherprobe_probe", "grains_probe_probe"],
            (await server.Client().GetDatabase(_database).ListCollectionNames().ToListAsync()).Order());
    }

    /// <summary>What Orleans hands the provider before a read: a new state object.</summary>
    private static GrainState<ProbeState> Fresh() => new(new ProbeState());

    private MongoGrainStorage Storage(Action<MongoDBGrainStorageOptions>? configure = null)
    {
        var options = new MongoDBGrainStorageOptions { Client = server.Client(), DatabaseName = _database };
        configure?.Invoke(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        return new MongoGrainStorage("test", options, NullLogger<MongoGrainStorage>.Instance);
    }

    private IMongoCollection<BsonDocument> Documents() =>
        server.Client().GetDatabase(_database).GetCollection<BsonDocument>("grains_probe_probe");

    /// <summary>Stands for any <see cref="IGrainStorageSerializer"/> (Orleans' binary one needs a whole serializer set up).</summary>
    private sealed class JsonBytesSerializer : IGrainStorageSerializer
    {
        public BinaryData Serialize<T>(T? input) => BinaryData.FromObjectAsJson(input);

        public T Deserialize<T>(BinaryData input) => input.ToObjectFromJson<T>()!;
    }
}
