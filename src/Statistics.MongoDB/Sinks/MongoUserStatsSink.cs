using CineMatch.Documents;
using CineMatch.Persistence.MongoDB;
using CineMatch.Sinks;
using CineMatch.Wire;
using Microsoft.Extensions.Logging;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Statistics.MongoDB.Sinks;

/// <summary>
/// <c>user_stats</c>, which the backend shares (CONTRACT section 6b): it keeps its quiz fields in the same
/// document, written with <c>$inc</c>/<c>$set</c> and upsert by <c>user_id</c>. So this sink never replaces a
/// document: it <c>$set</c>s the fields it owns (upsert by <c>user_id</c>), and for an emptied list
/// <c>$unset</c>s them, deleting the document only when nothing but <c>_id</c> and <c>user_id</c> is left.
/// </summary>
internal sealed class MongoUserStatsSink(PersistentWriter writer, ILogger<MongoUserStatsSink> logger) : IUserStatsSink
{
    private const string UserIdField = "user_id";

    /// <summary>The fields this project owns in the shared document: those of <see cref="UserStatsDocument"/>, as stored.</summary>
    internal static IReadOnlyList<string> OwnedFields { get; } =
        [.. DocumentJson.Options.GetTypeInfo(typeof(UserStatsDocument)).Properties.Select(property => property.Name).Where(name => name != UserIdField)];

    // Matches a document holding nothing but _id and user_id, checked by the server in the same operation as the
    // delete: a backend write that lands between the $unset and the delete keeps the document.
    private static readonly FilterDefinition<BsonDocument> NothingElseLeft = new BsonDocument("$expr",
        new BsonDocument("$eq", new BsonArray { new BsonDocument("$size", new BsonDocument("$objectToArray", "$$ROOT")), 2 }));

    private static readonly UpdateDefinition<BsonDocument> UnsetOwnedFields =
        new BsonDocument("$unset", new BsonDocument(OwnedFields.Select(field => new BsonElement(field, ""))));

    private readonly EnsuredIndex _userIdIndex = new(
        CollectionNames.UserStats, new BsonDocument(UserIdField, 1), new CreateIndexOptions { Unique = true }, logger);

    public Task UpsertAsync(UserStatsDocument document, CancellationToken cancellationToken)
    {
        var fields = BsonJson.ToBsonDocument(document, DocumentJson.Options);
        fields.Remove(UserIdField);
        var update = new BsonDocument("$set", fields);
        return writer.WriteAsync(
            $"user_stats of {document.UserId}",
            async (db, token) =>
            {
                await _userIdIndex.EnsureAsync(db, token);
                await Collection(db).UpdateOneAsync(OfUser(document.UserId), update, new UpdateOptions { IsUpsert = true }, token);
            },
            cancellationToken);
    }

    public Task DeleteAsync(string userId, CancellationToken cancellationToken) =>
        writer.WriteAsync(
            $"removal of the statistics from user_stats of {userId}",
            async (db, token) =>
            {
                await Collection(db).UpdateManyAsync(OfUser(userId), UnsetOwnedFields, cancellationToken: token);
                await Collection(db).DeleteManyAsync(OfUser(userId) & NothingElseLeft, token);
            },
            cancellationToken);

    private static IMongoCollection<BsonDocument> Collection(IMongoDatabase db) => db.GetCollection<BsonDocument>(CollectionNames.UserStats);

    private static FilterDefinition<BsonDocument> OfUser(string userId) => Builders<BsonDocument>.Filter.Eq(UserIdField, userId);
}
