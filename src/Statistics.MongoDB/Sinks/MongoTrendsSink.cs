using CineMatch.Documents;
using CineMatch.Persistence.MongoDB;
using CineMatch.Sinks;
using CineMatch.Wire;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Statistics.MongoDB.Sinks;

/// <summary><c>global_stats</c> (the single <c>global_trends</c> document) and <c>movie_counts</c> (one document per film).</summary>
internal sealed class MongoTrendsSink(PersistentWriter writer) : ITrendsSink
{
    public Task WriteGlobalStatsAsync(GlobalStatsDocument document, CancellationToken cancellationToken)
    {
        var stored = BsonJson.ToBsonDocument(document, DocumentJson.Options);
        return writer.WriteAsync(
            "global_stats",
            (db, token) => db.GetCollection<BsonDocument>(CollectionNames.GlobalStats).ReplaceOneAsync(
                Builders<BsonDocument>.Filter.Eq("type", GlobalStatsDocument.TrendsType), stored, new ReplaceOptions { IsUpsert = true }, token),
            cancellationToken);
    }

    public Task WriteMovieCountsAsync(IReadOnlyList<MovieCountDocument> upserts, IReadOnlyList<string> deletedIds, CancellationToken cancellationToken) =>
        writer.BulkWriteAsync(
            CollectionNames.MovieCounts,
            "movie_counts changes",
            upserts
                .Select(film => (WriteModel<BsonDocument>)new ReplaceOneModel<BsonDocument>(ById(film.Id), BsonJson.ToBsonDocument(film, DocumentJson.Options)) { IsUpsert = true })
                .Concat(deletedIds.Select(id => new DeleteOneModel<BsonDocument>(ById(id)))),
            beforeEach: null,
            cancellationToken);

    private static FilterDefinition<BsonDocument> ById(string id) => Builders<BsonDocument>.Filter.Eq("_id", id);
}
