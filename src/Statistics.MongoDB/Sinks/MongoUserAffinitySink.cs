using CineMatch.Documents;
using CineMatch.Persistence.MongoDB;
using CineMatch.Sinks;
using CineMatch.Wire;
using Microsoft.Extensions.Logging;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Statistics.MongoDB.Sinks;

/// <summary>
/// <c>user_affinities</c> (CONTRACT-V6 section 3): each changed document <c>$set</c> whole by its string <c>_id</c>
/// (upsert), each one whose count fell to 0 deleted. Ensures <c>idx_user_type_count</c>, the index every query of
/// the backend's <c>/user-stats</c> uses.
/// </summary>
internal sealed class MongoUserAffinitySink(PersistentWriter writer, ILogger<MongoUserAffinitySink> logger) : IUserAffinitySink
{
    public const string IndexName = "idx_user_type_count";

    private readonly EnsuredIndex _readerIndex = new(
        CollectionNames.UserAffinities,
        new BsonDocument { { "user_id", 1 }, { "type", 1 }, { "count", -1 } },
        new CreateIndexOptions { Name = IndexName },
        logger);

    public Task WriteAsync(string userId, IReadOnlyList<UserAffinityDocument> upserts, IReadOnlyList<string> deletedIds, CancellationToken cancellationToken) =>
        writer.BulkWriteAsync(
            CollectionNames.UserAffinities,
            $"user_affinities changes of {userId}",
            upserts
                .Select(affinity => (WriteModel<BsonDocument>)new UpdateOneModel<BsonDocument>(ById(affinity.Id), new BsonDocument("$set", Fields(affinity))) { IsUpsert = true })
                .Concat(deletedIds.Select(id => new DeleteOneModel<BsonDocument>(ById(id)))),
            _readerIndex.EnsureAsync,
            cancellationToken);

    private static BsonDocument Fields(UserAffinityDocument affinity)
    {
        var fields = BsonJson.ToBsonDocument(affinity, DocumentJson.Options);
        fields.Remove("_id");
        return fields;
    }

    private static FilterDefinition<BsonDocument> ById(string id) => Builders<BsonDocument>.Filter.Eq("_id", id);
}
