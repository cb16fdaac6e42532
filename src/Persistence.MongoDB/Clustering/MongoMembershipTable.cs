using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using static CineMatch.Persistence.MongoDB.Clustering.MembershipDocuments;

namespace CineMatch.Persistence.MongoDB.Clustering;

/// <summary>
/// Orleans' membership table in MongoDB, without transactions. A change first moves the table version
/// from the version the caller read to the next one (a filtered update: only one writer wins a version),
/// then writes the silo's row conditioned on the row's own etag. A writer that loses either step gets
/// <c>false</c> and Orleans re-reads the table and tries again. If the row write fails after the version
/// moved, the table only looks changed: other silos re-read and find nothing new, which is harmless.
/// </summary>
internal sealed partial class MongoMembershipTable(
    IOptions<MongoDBClusteringOptions> options,
    IOptions<ClusterOptions> clusterOptions,
    ILogger<MongoMembershipTable> logger) : IMembershipTable
{
    private readonly IMongoCollection<BsonDocument> _table =
        options.Value.GetDatabase().GetCollection<BsonDocument>(options.Value.CollectionName);

    private readonly string _clusterId = clusterOptions.Value.ClusterId;

    public async Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken = default)
    {
        if (tryInitTableVersion)
        {
            // Creates version 0 unless some silo already did; an upsert race ends in a duplicate key we can ignore.
            try
            {
                await _table.UpdateOneAsync(
                    ById(VersionId(_clusterId)),
                    Builders<BsonDocument>.Update.SetOnInsert("cluster_id", _clusterId).SetOnInsert(VersionField, 0),
                    new UpdateOptions { IsUpsert = true },
                    cancellationToken);
            }
            catch (MongoWriteException e) when (e.WriteError.Category == ServerErrorCategory.DuplicateKey)
            {
            }
        }
    }

    public async Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken = default) =>
        await _table.DeleteManyAsync(Filter.Eq("cluster_id", clusterId), cancellationToken);

    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken = default)
    {
        var deleted = await _table.DeleteManyAsync(DeadBefore(_clusterId, beforeDate), cancellationToken);
        LogCleanup(deleted.DeletedCount, beforeDate);
    }

    public async Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken = default)
    {
        var version = await ReadVersionAsync(cancellationToken);
        var row = await _table.Find(ById(RowId(_clusterId, key))).FirstOrDefaultAsync(cancellationToken);
        return row is null ? new MembershipTableData(version) : new MembershipTableData(ToEntry(row), version);
    }

    public async Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var version = await ReadVersionAsync(cancellationToken);
        var rows = await _table.Find(RowsOf(_clusterId)).ToListAsync(cancellationToken);
        return new MembershipTableData(rows.Select(ToEntry).ToList(), version);
    }

    public async Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken = default)
    {
        if (!await TryAdvanceVersionAsync(tableVersion, cancellationToken))
        {
            return false;
        }

        try
        {
            await _table.InsertOneAsync(ToRow(_clusterId, entry, NewEtag()), cancellationToken: cancellationToken);
            return true;
        }
        catch (MongoWriteException e) when (e.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            LogConflict("insert", entry.SiloAddress);
            return false;
        }
    }

    public async Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken = default)
    {
        if (!await TryAdvanceVersionAsync(tableVersion, cancellationToken))
        {
            return false;
        }

        var replaced = await _table.ReplaceOneAsync(
            ById(RowId(_clusterId, entry.SiloAddress)) & Filter.Eq(EtagField, etag),
            ToRow(_clusterId, entry, NewEtag()),
            cancellationToken: cancellationToken);
        if (replaced.MatchedCount == 0)
        {
            LogConflict("update", entry.SiloAddress);
        }

        return replaced.MatchedCount == 1;
    }

    /// <summary>Heartbeats touch only the time: they must not invalidate the etag other silos hold for the row.</summary>
    public async Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default) =>
        await _table.UpdateOneAsync(
            ById(RowId(_clusterId, entry.SiloAddress)),
            Builders<BsonDocument>.Update.Set(IAmAliveTime, entry.IAmAliveTime.ToUniversalTime()),
            cancellationToken: cancellationToken);

    // The pre-cancellation-token members of IMembershipTable.
    public Task InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion);

    public Task DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId);

    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate);

    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key);

    public Task<MembershipTableData> ReadAll() => ReadAllAsync();

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion);

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => UpdateRowAsync(entry, etag, tableVersion);

    public Task UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry);

    private async Task<TableVersion> ReadVersionAsync(CancellationToken cancellationToken)
    {
        var version = await _table.Find(ById(VersionId(_clusterId))).FirstOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException(
                $"The membership table of cluster '{_clusterId}' has no version document in '{options.Value.CollectionName}': no silo has initialized it.");
        return ToTableVersion(version);
    }

    /// <summary>
    /// The compare-and-swap: Orleans hands us the version it read, already advanced by one, so the stored
    /// version must still be the one before it.
    /// </summary>
    private async Task<bool> TryAdvanceVersionAsync(TableVersion next, CancellationToken cancellationToken)
    {
        var advanced = await _table.UpdateOneAsync(
            ById(VersionId(_clusterId)) & Filter.Eq(VersionField, next.Version - 1),
            Builders<BsonDocument>.Update.Set(VersionField, next.Version),
            cancellationToken: cancellationToken);
        if (advanced.MatchedCount == 0)
        {
            LogVersionConflict(next.Version);
        }

        return advanced.MatchedCount == 1;
    }

    private static string NewEtag() => Guid.NewGuid().ToString("N");

    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug, Message = "Membership table version {Version} was taken by another writer")]
    private partial void LogVersionConflict(int version);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Debug, Message = "Membership {Operation} of {Silo} lost to a concurrent change")]
    private partial void LogConflict(string operation, SiloAddress silo);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Removed {Count} dead silo rows last alive before {Before}")]
    private partial void LogCleanup(long count, DateTimeOffset before);
}
