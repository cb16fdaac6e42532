using System.Net;
using CineMatch.Persistence.MongoDB.Clustering;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace CineMatch.Tests.MongoDB;

/// <summary>The membership table's compare-and-swap, called as Orleans' membership protocol calls it.</summary>
[Collection(MongoServerCollection.Name)]
public sealed class MongoMembershipTableTests(MongoServer server)
{
    private static readonly DateTime Now = new(2026, 1, 19, 20, 0, 0, DateTimeKind.Utc);
    private readonly string _database = MongoServer.NewDatabaseName();

    [Fact]
    public async Task Of_two_writers_holding_the_same_table_version_only_one_wins()
    {
        var table = await TableAsync();
        var read = await table.ReadAllAsync();

        var first = await table.InsertRowAsync(Entry(1, SiloStatus.Joining), read.Version.Next());
        var second = await table.InsertRowAsync(Entry(2, SiloStatus.Joining), read.Version.Next());

        Assert.True(first);
        Assert.False(second);
        var after = await table.ReadAllAsync();
        Assert.Equal(read.Version.Version + 1, after.Version.Version);
        Assert.Equal([Silo(1)], after.Members.Select(member => member.Item1.SiloAddress));
    }

    [Fact]
    public async Task A_row_update_needs_the_row_etag_it_read_and_heartbeats_keep_that_etag()
    {
        var table = await TableAsync();
        Assert.True(await table.InsertRowAsync(Entry(1, SiloStatus.Joining), (await table.ReadAllAsync()).Version.Next()));
        var read = await table.ReadAllAsync();
        var (entry, etag) = read.Members.Single();

        entry.IAmAliveTime = Now.AddMinutes(1);
        await table.UpdateIAmAliveAsync(entry);
        var afterHeartbeat = await table.ReadAllAsync();
        Assert.Equal(etag, afterHeartbeat.Members.Single().Item2);
        Assert.Equal(Now.AddMinutes(1), afterHeartbeat.Members.Single().Item1.IAmAliveTime);

        entry.Status = SiloStatus.Active;
        Assert.True(await table.UpdateRowAsync(entry, etag, afterHeartbeat.Version.Next()));
        var active = await table.ReadAllAsync();
        entry.Status = SiloStatus.Dead;
        Assert.False(await table.UpdateRowAsync(entry, etag, active.Version.Next()));
        Assert.Equal(SiloStatus.Active, (await table.ReadAllAsync()).Members.Single().Item1.Status);
    }

    [Fact]
    public async Task Entries_round_trip_and_only_long_dead_silos_are_cleaned_up()
    {
        var table = await TableAsync();
        var dead = Entry(1, SiloStatus.Dead);
        dead.SuspectTimes = [Tuple.Create(Silo(2), Now.AddSeconds(-30))];
        Assert.True(await table.InsertRowAsync(dead, (await table.ReadAllAsync()).Version.Next()));
        Assert.True(await table.InsertRowAsync(Entry(2, SiloStatus.Active), (await table.ReadAllAsync()).Version.Next()));

        var stored = (await table.ReadAllAsync()).TryGet(Silo(1))!.Item1;
        Assert.Equal(dead.ToFullString(), stored.ToFullString());

        await table.CleanupDefunctSiloEntriesAsync(Now.AddMinutes(1));
        Assert.Equal([Silo(2)], (await table.ReadAllAsync()).Members.Select(member => member.Item1.SiloAddress));

        await table.DeleteMembershipTableEntriesAsync("test-cluster");
        await Assert.ThrowsAsync<InvalidOperationException>(() => table.ReadAllAsync());
    }

    private async Task<MongoMembershipTable> TableAsync()
    {
        var table = new MongoMembershipTable(
            Options.Create(new MongoDBClusteringOptions { Client = server.Client(), DatabaseName = _database }),
            Options.Create(new ClusterOptions { ClusterId = "test-cluster", ServiceId = "cinematch" }),
            NullLogger<MongoMembershipTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true); // a second silo starting: no change
        return table;
    }

    private static SiloAddress Silo(int n) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11110 + n), 100 + n);

    private static MembershipEntry Entry(int n, SiloStatus status) => new()
    {
        SiloAddress = Silo(n),
        Status = status,
        ProxyPort = 30000 + n,
        SiloName = $"silo{n}",
        HostName = "localhost",
        RoleName = "cinematch",
        UpdateZone = n,
        FaultZone = n,
        StartTime = Now.AddMinutes(-10),
        IAmAliveTime = Now,
        SuspectTimes = [],
    };
}
