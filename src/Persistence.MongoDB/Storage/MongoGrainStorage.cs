using System.Text;
using Microsoft.Extensions.Logging;
using MongoDB.Bson;
using MongoDB.Driver;
using Orleans.Runtime;
using Orleans.Storage;

namespace CineMatch.Persistence.MongoDB.Storage;

/// <summary>
/// Grain state in MongoDB: one document per grain and state, <c>{_id: grain id, _etag, state}</c>,
/// in a collection per grain type and state name. Every write is conditional on the etag the grain
/// last read or wrote, so a second activation (or a stale one) can never overwrite newer state.
/// It needs no start-up step (an <c>ILifecycleParticipant</c> in Orleans' providers creates tables or
/// containers): MongoDB creates a collection on its first write and the driver connects on first use.
/// </summary>
internal sealed partial class MongoGrainStorage(string providerName, MongoDBGrainStorageOptions options, ILogger<MongoGrainStorage> logger)
    : IGrainStorage
{
    private const string EtagField = "_etag";
    private const string StateField = "state";

    private readonly IMongoDatabase _database = options.GetDatabase();

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = await Collection(stateName, grainId)
            .Find(ById(grainId))
            .FirstOrDefaultAsync();
        var state = stored?.GetValue(StateField, BsonNull.Value) is { IsBsonNull: false } value
            ? FromStored<T>(value)
            : default;

        grainState.State = state ?? Fresh<T>();
        grainState.ETag = stored?[EtagField].AsString;
        grainState.RecordExists = state is not null;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var etag = NewEtag();
        var document = new BsonDocument
        {
            { "_id", grainId.ToString() },
            { EtagField, etag },
            { StateField, ToStored(grainState.State) },
        };

        await Conditionally(Collection(stateName, grainId), grainId, grainState.ETag, async collection =>
        {
            if (grainState.ETag is null)
            {
                // A grain that has never seen a document may only create one; if another activation did,
                // the insert hits the _id and fails with a duplicate key.
                await collection.InsertOneAsync(document);
                return true;
            }

            var replaced = await collection.ReplaceOneAsync(ById(grainId) & WithEtag(grainState.ETag), document);
            return replaced.MatchedCount == 1;
        });

        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var collection = Collection(stateName, grainId);
        if (options.DeleteStateOnClear)
        {
            await Conditionally(collection, grainId, grainState.ETag, async c =>
            {
                var deleted = await c.DeleteOneAsync(ById(grainId) & WithEtag(grainState.ETag));
                // Nothing to delete is fine only for a grain that never saw a document and indeed has none.
                return deleted.DeletedCount == 1
                    || (grainState.ETag is null && await c.CountDocumentsAsync(ById(grainId)) == 0);
            });
            grainState.ETag = null;
        }
        else
        {
            var etag = NewEtag();
            await Conditionally(collection, grainId, grainState.ETag, async c =>
            {
                var update = Builders<BsonDocument>.Update.Set(EtagField, etag).Set(StateField, BsonNull.Value);
                var updated = await c.UpdateOneAsync(ById(grainId) & WithEtag(grainState.ETag), update, new UpdateOptions { IsUpsert = grainState.ETag is null });
                return updated.MatchedCount == 1 || updated.UpsertedId is not null;
            });
            grainState.ETag = etag;
        }

        grainState.State = Fresh<T>();
        grainState.RecordExists = false;
    }

    /// <summary>Runs a write that reports whether its etag condition held; a miss or a duplicate key means stale state.</summary>
    private async Task Conditionally(
        IMongoCollection<BsonDocument> collection, GrainId grainId, string? expectedEtag, Func<IMongoCollection<BsonDocument>, Task<bool>> write)
    {
        bool applied;
        try
        {
            applied = await write(collection);
        }
        catch (MongoWriteException e) when (e.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            applied = false;
        }

        if (!applied)
        {
            var current = await collection.Find(ById(grainId)).Project(Builders<BsonDocument>.Projection.Include(EtagField)).FirstOrDefaultAsync();
            var storedEtag = current?.GetValue(EtagField, BsonNull.Value) is { IsString: true } value ? value.AsString : "(none)";
            LogStaleWrite(providerName, grainId, expectedEtag ?? "(none)", storedEtag);
            throw new InconsistentStateException(
                $"Provider '{providerName}': the stored state of {grainId} changed since this activation read it.",
                storedEtag,
                expectedEtag ?? "(none)");
        }
    }

    private BsonValue ToStored<T>(T state) => options.GrainStorageSerializer is { } serializer
        ? new BsonBinaryData(serializer.Serialize(state).ToArray())
        : BsonJson.ToBson(state, options.SerializerOptions);

    private T? FromStored<T>(BsonValue stored) => options.GrainStorageSerializer is { } serializer
        ? serializer.Deserialize<T>(new BinaryData(stored.AsByteArray))
        : BsonJson.FromBson<T>(stored, options.SerializerOptions);

    private IMongoCollection<BsonDocument> Collection(string stateName, GrainId grainId) =>
        _database.GetCollection<BsonDocument>(CollectionName(options.CollectionPrefix, grainId.Type.ToString(), stateName));

    /// <summary>Collection names allow most characters, but generic grain types bring backticks and brackets: keep them tidy.</summary>
    internal static string CollectionName(string prefix, string? grainType, string stateName)
    {
        var name = new StringBuilder(prefix);
        foreach (var c in $"{grainType}_{stateName}")
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_');
        }

        return name.ToString();
    }

    /// <summary>A state as a new activation would have it (the state types have parameterless constructors).</summary>
    private static T Fresh<T>() =>
        typeof(T).IsValueType || typeof(T).GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance<T>() : default!;

    private static FilterDefinition<BsonDocument> ById(GrainId grainId) => Builders<BsonDocument>.Filter.Eq("_id", grainId.ToString());

    private static FilterDefinition<BsonDocument> WithEtag(string? etag) =>
        etag is null ? Builders<BsonDocument>.Filter.Exists(EtagField, false) : Builders<BsonDocument>.Filter.Eq(EtagField, etag);

    private static string NewEtag() => Guid.NewGuid().ToString("N");

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Grain storage {Provider}: stale write for {GrainId} (expected etag {Expected}, stored {Stored})")]
    private partial void LogStaleWrite(string provider, GrainId grainId, string expected, string stored);
}
