using CineMatch.Catalog;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Statistics.MongoDB.Catalog;

/// <summary>Loads the whole <c>movies_catalog</c> collection (a few thousand films: one streaming read).</summary>
public sealed class MongoCatalogSource(IOptions<MongoDBCatalogOptions> options) : ICatalogSource
{
    private readonly IMongoCollection<BsonDocument> _catalog =
        options.Value.GetDatabase().GetCollection<BsonDocument>(CollectionNames.MoviesCatalog);

    public async Task<IReadOnlyList<CatalogMovie>> LoadAsync(CancellationToken cancellationToken)
    {
        var movies = new List<CatalogMovie>();
        using var cursor = await _catalog.Find(FilterDefinition<BsonDocument>.Empty).Sort(Builders<BsonDocument>.Sort.Ascending("_id")).ToCursorAsync(cancellationToken);
        while (await cursor.MoveNextAsync(cancellationToken))
        {
            movies.AddRange(cursor.Current.Select(CatalogDocument.ToMovie).OfType<CatalogMovie>());
        }

        return movies;
    }
}
