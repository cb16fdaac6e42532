using CineMatch.Documents;
using CineMatch.Persistence.MongoDB;
using CineMatch.Sinks;
using CineMatch.Wire;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Statistics.MongoDB.Sinks;

/// <summary>
/// <c>dead_letters</c> and <c>late_events</c>. A record from the log gets the id of its position, so a
/// redelivered record or a retried insert finds its document already there instead of adding a second one.
/// </summary>
internal sealed class MongoRejectedEventSink(PersistentWriter writer) : IRejectedEventSink
{
    public Task DeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken) =>
        InsertOnceAsync(CollectionNames.DeadLetters, BsonJson.ToBsonDocument(deadLetter, DocumentJson.Options), deadLetter.Partition, deadLetter.Offset, cancellationToken);

    public Task LateEventAsync(LateEvent lateEvent, CancellationToken cancellationToken) =>
        InsertOnceAsync(CollectionNames.LateEvents, BsonJson.ToBsonDocument(lateEvent, DocumentJson.Options), lateEvent.Partition, lateEvent.Offset, cancellationToken);

    private Task InsertOnceAsync(string collection, BsonDocument document, int? partition, long? offset, CancellationToken cancellationToken)
    {
        // Without a position the id is fixed here, before the first attempt, so retries still insert one document.
        BsonValue id = partition is { } p && offset is { } o ? $"{p}:{o}" : ObjectId.GenerateNewId();
        document.InsertAt(0, new BsonElement("_id", id));
        return writer.WriteAsync(
            $"{collection} record {id}",
            async (db, token) =>
            {
                try
                {
                    await db.GetCollection<BsonDocument>(collection).InsertOneAsync(document, cancellationToken: token);
                }
                catch (MongoWriteException e) when (e.WriteError.Category == ServerErrorCategory.DuplicateKey)
                {
                    // Already stored by an earlier attempt or an earlier delivery of the same record.
                }
            },
            cancellationToken);
    }
}
