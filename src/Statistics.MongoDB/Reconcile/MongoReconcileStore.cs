using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CineMatch.Documents;
using CineMatch.Persistence.MongoDB;
using CineMatch.Statistics.MongoDB.History;
using CineMatch.Wire;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Statistics.MongoDB.Reconcile;

/// <summary>
/// What reconcile and the bootstrap read from MongoDB, streamed in <c>user_id</c> order so that memory holds one
/// user at a time: <c>movies</c>, <c>user_stats</c> and <c>user_affinities</c> are read by sorted cursors and
/// merged, which also finds the documents of users who hold no film any more. Sorting uses the index on
/// <c>user_id</c> (the backend queries <c>movies</c> by it; <c>idx_user_type_count</c> starts with it); without one
/// the server sorts on disk.
/// </summary>
public sealed class MongoReconcileStore(IMongoDatabase database)
{
    private const string UserIdField = "user_id";
    private const string BootstrapId = "bootstrap";

    private IMongoCollection<BsonDocument> Movies => database.GetCollection<BsonDocument>(CollectionNames.Movies);

    private IMongoCollection<BsonDocument> UserStats => database.GetCollection<BsonDocument>(CollectionNames.UserStats);

    private IMongoCollection<BsonDocument> UserAffinities => database.GetCollection<BsonDocument>(CollectionNames.UserAffinities);

    private IMongoCollection<BsonDocument> Bootstrap => database.GetCollection<BsonDocument>(ReconcileCollections.Bootstrap);

    /// <summary>How many distinct users hold films (for progress); counted by the server.</summary>
    public async Task<long> CountUsersAsync(IReadOnlyCollection<string>? only, CancellationToken cancellationToken)
    {
        var counted = await Movies.Aggregate()
            .Match(OfUsers(only))
            .Group(new BsonDocument { { "_id", "$" + UserIdField } })
            .Group(new BsonDocument { { "_id", BsonNull.Value }, { "users", new BsonDocument("$sum", 1) } })
            .FirstOrDefaultAsync(cancellationToken);
        return counted?["users"].ToInt64() ?? 0;
    }

    /// <summary>
    /// Every user who holds films, stored statistics or (with <paramref name="withAffinities"/>) stored
    /// <c>user_affinities</c>, in <c>user_id</c> order (ordinal), one at a time.
    /// </summary>
    public async IAsyncEnumerable<StoredUser> UsersAsync(IReadOnlyCollection<string>? only, bool withAffinities, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var films = new SortedUserGroups(await SortedByUserAsync(Movies, only, cancellationToken), cancellationToken);
        await using var stats = new SortedUserGroups(await SortedByUserAsync(UserStats, only, cancellationToken), cancellationToken);
        await using var affinities = withAffinities ? new SortedUserGroups(await SortedByUserAsync(UserAffinities, only, cancellationToken), cancellationToken) : null;
        SortedUserGroups?[] groups = [films, stats, affinities];
        foreach (var group in groups.OfType<SortedUserGroups>())
        {
            await group.MoveNextAsync();
        }

        while (groups.Select(group => group?.Current?.UserId).Where(id => id is not null).Min(StringComparer.Ordinal) is { } userId)
        {
            var history = At(films, userId) ? MovieDocuments.ToEvents(userId, films.Current!.Value.Documents) : [];
            var stored = At(stats, userId) ? ToJson(stats.Current!.Value.Documents[0]) : null;
            List<JsonObject> storedAffinities = At(affinities, userId) ? [.. affinities!.Current!.Value.Documents.Select(ToJson)] : [];
            yield return new StoredUser(userId, history, stored, storedAffinities);
            foreach (var group in groups.Where(group => At(group, userId)))
            {
                await group!.MoveNextAsync();
            }
        }
    }

    /// <summary>The distinct users who hold films, in <c>user_id</c> order, after <paramref name="after"/> (the bootstrap's walk).</summary>
    public async IAsyncEnumerable<string> UserIdsAsync(string? after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = after is null ? FilterDefinition<BsonDocument>.Empty : Builders<BsonDocument>.Filter.Gt(UserIdField, after);
        var cursor = await Movies.Find(filter)
            .Project(Builders<BsonDocument>.Projection.Include(UserIdField).Exclude("_id"))
            .Sort(Builders<BsonDocument>.Sort.Ascending(UserIdField))
            .ToCursorAsync(cancellationToken);
        await using var users = new SortedUserGroups(cursor, cancellationToken);
        while (await users.MoveNextAsync())
        {
            yield return users.Current!.Value.UserId;
        }
    }

    /// <summary>The stored <c>movie_counts</c>, in <c>_id</c> order.</summary>
    public async IAsyncEnumerable<(string Id, JsonObject Document)> MovieCountsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var cursor = await database.GetCollection<BsonDocument>(CollectionNames.MovieCounts)
            .Find(FilterDefinition<BsonDocument>.Empty)
            .Sort(Builders<BsonDocument>.Sort.Ascending("_id"))
            .ToCursorAsync(cancellationToken);
        while (await cursor.MoveNextAsync(cancellationToken))
        {
            foreach (var document in cursor.Current)
            {
                yield return (document["_id"].ToString()!, ToJson(document));
            }
        }
    }

    public async Task<JsonObject?> GlobalStatsAsync(CancellationToken cancellationToken)
    {
        var stored = await database.GetCollection<BsonDocument>(CollectionNames.GlobalStats)
            .Find(Builders<BsonDocument>.Filter.Eq("type", GlobalStatsDocument.TrendsType))
            .FirstOrDefaultAsync(cancellationToken);
        return stored is null ? null : ToJson(stored);
    }

    public Task WriteReportAsync(JsonObject report, CancellationToken cancellationToken) =>
        database.GetCollection<BsonDocument>(ReconcileCollections.Reports).ReplaceOneAsync(
            Builders<BsonDocument>.Filter.Eq("_id", (string)report["_id"]!),
            BsonJson.ToBsonDocument(report, DocumentJson.Options),
            new ReplaceOptions { IsUpsert = true },
            cancellationToken);

    /// <summary>The bootstrap marker, or null when no bootstrap ever started on this database.</summary>
    public async Task<BootstrapMarker?> BootstrapMarkerAsync(CancellationToken cancellationToken)
    {
        var stored = await Bootstrap.Find(Builders<BsonDocument>.Filter.Eq("_id", BootstrapId)).FirstOrDefaultAsync(cancellationToken);
        return stored is null
            ? null
            : new BootstrapMarker(
                stored.GetValue("done", false).ToBoolean(),
                stored.GetValue("last_user_id", BsonNull.Value) is { IsString: true } last ? last.AsString : null,
                stored.GetValue("users_done", 0).ToInt64());
    }

    public Task SaveBootstrapMarkerAsync(BootstrapMarker marker, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(marker);
        return Bootstrap.ReplaceOneAsync(
            Builders<BsonDocument>.Filter.Eq("_id", BootstrapId),
            new BsonDocument
            {
                { "_id", BootstrapId },
                { "done", marker.Done },
                { "last_user_id", (BsonValue?)marker.LastUserId ?? BsonNull.Value },
                { "users_done", marker.UsersDone },
                { "updated_at", DocumentJson.Format(now) },
            },
            new ReplaceOptions { IsUpsert = true },
            cancellationToken);
    }

    /// <summary>Remembers users whose grains must resync at the next cluster start.</summary>
    public async Task AddPendingResyncAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken)
    {
        if (userIds.Count > 0)
        {
            await Pending.BulkWriteAsync(
                userIds.Select(id => new ReplaceOneModel<BsonDocument>(Builders<BsonDocument>.Filter.Eq("_id", id), new BsonDocument("_id", id)) { IsUpsert = true }),
                cancellationToken: cancellationToken);
        }
    }

    public async Task<List<string>> PendingResyncAsync(CancellationToken cancellationToken) =>
        (await Pending.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync(cancellationToken)).Select(document => document["_id"].AsString).ToList();

    public Task RemovePendingResyncAsync(string userId, CancellationToken cancellationToken) =>
        Pending.DeleteOneAsync(Builders<BsonDocument>.Filter.Eq("_id", userId), cancellationToken);

    private IMongoCollection<BsonDocument> Pending => database.GetCollection<BsonDocument>(ReconcileCollections.PendingResync);

    private static bool At(SortedUserGroups? group, string userId) => group?.Current is { } current && string.Equals(current.UserId, userId, StringComparison.Ordinal);

    private static JsonObject ToJson(BsonDocument document) => BsonJson.FromBson<JsonObject>(document, DocumentJson.Options)!;

    private static FilterDefinition<BsonDocument> OfUsers(IReadOnlyCollection<string>? only) =>
        only is null ? FilterDefinition<BsonDocument>.Empty : Builders<BsonDocument>.Filter.In(UserIdField, only);

    private static Task<IAsyncCursor<BsonDocument>> SortedByUserAsync(IMongoCollection<BsonDocument> collection, IReadOnlyCollection<string>? only, CancellationToken cancellationToken) =>
        collection.Find(OfUsers(only))
            .Sort(Builders<BsonDocument>.Sort.Ascending(UserIdField).Ascending("_id"))
            .ToCursorAsync(cancellationToken);
}
