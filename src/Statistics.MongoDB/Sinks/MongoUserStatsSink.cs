using CineMatch.Documents;
using CineMatch.Persistence.MongoDB;
using CineMatch.Sinks;
using CineMatch.Wire;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Statistics.MongoDB.Sinks;

/// <summary><c>user_stats</c>: the user's document replaced whole (the backend's documents have ObjectId ids, so we key on <c>user_id</c>).</summary>
internal sealed class MongoUserStatsSink(PersistentWriter writer) : IUserStatsSink
{
    public Task UpsertAsync(UserStatsDocument document, CancellationToken cancellationToken)
    {
        var stored = BsonJson.ToBsonDocument(document, DocumentJson.Options);
        return writer.WriteAsync(
            $"user_stats of {document.UserId}",
            (db, token) => Collection(db).ReplaceOneAsync(OfUser(document.UserId), stored, new ReplaceOptions { IsUpsert = true }, token),
            cancellationToken);
    }

    public Task DeleteAsync(string userId, CancellationToken cancellationToken) =>
        writer.WriteAsync(
            $"deletion of user_stats of {userId}",
            (db, token) => Collection(db).DeleteManyAsync(OfUser(userId), token),
            cancellationToken);

    private static IMongoCollection<BsonDocument> Collection(IMongoDatabase db) => db.GetCollection<BsonDocument>(CollectionNames.UserStats);

    private static FilterDefinition<BsonDocument> OfUser(string userId) => Builders<BsonDocument>.Filter.Eq("user_id", userId);
}
