using CineMatch.Events;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Statistics.MongoDB.History;

/// <summary>
/// A user's films as the backend stores them (<c>movies</c>: user_id, name, year, rating, date, imdb_id,
/// poster_url, added_at), replayed as <c>RECALCULATE</c> events stamped with <c>added_at</c>, oldest first,
/// so the seeded list has the backend's order (<see cref="MovieDocuments"/>).
/// </summary>
public sealed class MongoWatchHistorySource(IOptions<MongoDBHistoryOptions> options) : IWatchHistorySource
{
    private readonly IMongoCollection<BsonDocument> _movies =
        options.Value.GetDatabase().GetCollection<BsonDocument>(CollectionNames.Movies);

    public bool IsSourceOfTruth => true;

    public async Task<IReadOnlyList<MovieEvent>> LoadAsync(string userId, CancellationToken cancellationToken)
    {
        var stored = await _movies.Find(Builders<BsonDocument>.Filter.Eq("user_id", userId)).ToListAsync(cancellationToken);
        return MovieDocuments.ToEvents(userId, stored);
    }
}
