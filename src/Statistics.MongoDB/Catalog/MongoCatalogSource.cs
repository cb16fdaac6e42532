using CineMatch.Catalog;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Statistics.MongoDB.Catalog;

/// <summary>
/// Loads the whole <c>movies_catalog</c> collection (a few thousand films: one streaming read), and finds the films
/// that joined it since (the backend adds films while the system runs).
/// </summary>
public sealed class MongoCatalogSource(IOptions<MongoDBCatalogOptions> options) : ICatalogSource, ICatalogLookup
{
    private readonly IMongoCollection<BsonDocument> _catalog =
        options.Value.GetDatabase().GetCollection<BsonDocument>(CollectionNames.MoviesCatalog);

    public Task<IReadOnlyList<CatalogMovie>> LoadAsync(CancellationToken cancellationToken) =>
        ReadAsync(FilterDefinition<BsonDocument>.Empty, cancellationToken);

    /// <summary>
    /// One query for all the films asked about. Titles are compared with the stored normalized fields, which the
    /// backend and the importer write; a film stored without them is found by the next full load instead.
    /// </summary>
    public Task<IReadOnlyList<CatalogMovie>> FindAsync(IReadOnlyCollection<string> imdbIds, IReadOnlyCollection<string> normalizedTitles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(imdbIds);
        ArgumentNullException.ThrowIfNull(normalizedTitles);
        var filter = Builders<BsonDocument>.Filter;
        // Stored ids are compared as written; the in-memory match ignores case, so ask for the usual spellings.
        var ids = imdbIds.SelectMany(id => new[] { id, id.ToLowerInvariant(), id.ToUpperInvariant() }).Distinct(StringComparer.Ordinal);
        return ReadAsync(
            filter.Or(filter.In("imdb_id", ids), filter.In("normalized_title", normalizedTitles), filter.In("normalized_original_title", normalizedTitles)),
            cancellationToken);
    }

    private async Task<IReadOnlyList<CatalogMovie>> ReadAsync(FilterDefinition<BsonDocument> filter, CancellationToken cancellationToken)
    {
        var movies = new List<CatalogMovie>();
        using var cursor = await _catalog.Find(filter).Sort(Builders<BsonDocument>.Sort.Ascending("_id")).ToCursorAsync(cancellationToken);
        while (await cursor.MoveNextAsync(cancellationToken))
        {
            movies.AddRange(cursor.Current.Select(CatalogDocument.ToMovie).OfType<CatalogMovie>());
        }

        return movies;
    }
}
