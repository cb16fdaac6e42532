using CineMatch.Statistics.MongoDB;
using CineMatch.Wire;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Hosting.Gateway.Admin;

/// <summary>
/// <c>dead_letters</c> and <c>late_events</c> in MongoDB, oldest first. A replay is recorded on the dead letter as
/// <c>replayed_at</c>, set only where it is missing, so the mark itself decides which of two replays publishes.
/// </summary>
public sealed class MongoRejectedEventStore(IMongoDatabase database) : IRejectedEventStore
{
    private const string ReplayedAt = "replayed_at";

    private static readonly SortDefinition<BsonDocument> OldestFirst =
        Builders<BsonDocument>.Sort.Ascending("time").Ascending("_id");

    public Task<RecordPage<StoredDeadLetter>> GetDeadLettersAsync(int page, int size, CancellationToken cancellationToken) =>
        PageAsync(CollectionNames.DeadLetters, page, size, ToDeadLetter, cancellationToken);

    public Task<RecordPage<StoredLateEvent>> GetLateEventsAsync(int page, int size, CancellationToken cancellationToken) =>
        PageAsync(
            CollectionNames.LateEvents,
            page,
            size,
            document => new StoredLateEvent(IdOf(document), String(document, "user_id") ?? "", String(document, "raw") ?? "", Int(document, "partition"), Long(document, "offset"), String(document, "reason") ?? "", String(document, "time") ?? ""),
            cancellationToken);

    public async Task<StoredDeadLetter?> FindDeadLetterAsync(string id, CancellationToken cancellationToken)
    {
        var document = await DeadLetters.Find(ById(id)).FirstOrDefaultAsync(cancellationToken);
        return document is null ? null : ToDeadLetter(document);
    }

    public async Task<bool> TryMarkReplayedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var notYet = ById(id) & Builders<BsonDocument>.Filter.Exists(ReplayedAt, false);
        var result = await DeadLetters.UpdateOneAsync(notYet, Builders<BsonDocument>.Update.Set(ReplayedAt, DocumentJson.Format(at)), cancellationToken: cancellationToken);
        return result.ModifiedCount == 1;
    }

    public Task UnmarkReplayedAsync(string id, CancellationToken cancellationToken) =>
        DeadLetters.UpdateOneAsync(ById(id), Builders<BsonDocument>.Update.Unset(ReplayedAt), cancellationToken: cancellationToken);

    private IMongoCollection<BsonDocument> DeadLetters => database.GetCollection<BsonDocument>(CollectionNames.DeadLetters);

    private async Task<RecordPage<T>> PageAsync<T>(string collection, int page, int size, Func<BsonDocument, T> convert, CancellationToken cancellationToken)
    {
        var documents = database.GetCollection<BsonDocument>(collection);
        var total = await documents.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty, cancellationToken: cancellationToken);
        var items = await documents.Find(FilterDefinition<BsonDocument>.Empty).Sort(OldestFirst).Skip((page - 1) * size).Limit(size).ToListAsync(cancellationToken);
        return new RecordPage<T>(page, size, total, [.. items.Select(convert)]);
    }

    private static StoredDeadLetter ToDeadLetter(BsonDocument document) =>
        new(IdOf(document), String(document, "raw") ?? "", Int(document, "partition"), Long(document, "offset"), String(document, "reason") ?? "", String(document, "time") ?? "", String(document, ReplayedAt));

    // A record from the log has the string id "partition:offset"; one without a position an ObjectId.
    private static FilterDefinition<BsonDocument> ById(string id) =>
        ObjectId.TryParse(id, out var objectId)
            ? Builders<BsonDocument>.Filter.Eq("_id", objectId)
            : Builders<BsonDocument>.Filter.Eq("_id", id);

    private static string IdOf(BsonDocument document) => document["_id"].ToString() ?? "";

    private static string? String(BsonDocument document, string name) =>
        document.TryGetValue(name, out var value) && value.IsString ? value.AsString : null;

    private static int? Int(BsonDocument document, string name) =>
        document.TryGetValue(name, out var value) && value.IsNumeric ? value.ToInt32() : null;

    private static long? Long(BsonDocument document, string name) =>
        document.TryGetValue(name, out var value) && value.IsNumeric ? value.ToInt64() : null;
}
