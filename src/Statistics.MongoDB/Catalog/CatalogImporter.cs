using System.Text.Json;
using CineMatch.Catalog;
using CineMatch.Persistence.MongoDB;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Statistics.MongoDB.Catalog;

/// <summary>
/// <c>import-catalog FILE</c>: loads a JSON array in the <c>movies_catalog</c> shape or a CSV with the same
/// column names into <c>movies_catalog</c>. A film is the same film as a stored one when their imdb ids are
/// equal, or, without an imdb id, when normalized title and year are; the file's version replaces it.
/// Running the same import twice changes nothing.
/// </summary>
public sealed class CatalogImporter
{
    private const int ChunkSize = 1000;

    private static readonly string[] IndexedFields = ["title", "year", "genres", "normalized_title", "normalized_original_title"];

    public async Task<CatalogImportResult> ImportAsync(string filePath, IMongoDatabase db, CancellationToken cancellationToken)
    {
        var rows = await ReadRowsAsync(filePath, cancellationToken);
        var movies = rows.Select(CatalogDocument.ToMovie).OfType<CatalogMovie>().Select(Normalized).ToList();

        // The last row of a film in the file wins, as if the rows were applied one after another.
        var byKey = new Dictionary<string, CatalogMovie>();
        foreach (var movie in movies)
        {
            byKey[KeyOf(movie)] = movie;
        }

        var catalog = db.GetCollection<BsonDocument>(CollectionNames.MoviesCatalog);
        var stored = await StoredIdsAsync(catalog, cancellationToken);
        var writes = byKey.Select(pair => stored.TryGetValue(pair.Key, out var id)
                ? (WriteModel<BsonDocument>)new ReplaceOneModel<BsonDocument>(Builders<BsonDocument>.Filter.Eq("_id", id), CatalogDocument.ToBson(pair.Value))
                : new InsertOneModel<BsonDocument>(CatalogDocument.ToBson(pair.Value)))
            .ToList();
        foreach (var chunk in writes.Chunk(ChunkSize))
        {
            await catalog.BulkWriteAsync(chunk, new BulkWriteOptions { IsOrdered = false }, cancellationToken);
        }

        // After the data: one index build is cheaper than maintaining the indexes through a bulk load.
        await CreateIndexesAsync(catalog, cancellationToken);

        var updated = writes.Count(w => w is ReplaceOneModel<BsonDocument>);
        return new CatalogImportResult(rows.Count, writes.Count - updated, updated, rows.Count - movies.Count);
    }

    private static CatalogMovie Normalized(CatalogMovie movie) => movie with
    {
        NormalizedTitle = TitleNormalizer.Normalize(movie.Title),
        NormalizedOriginalTitle = TitleNormalizer.Normalize(movie.OriginalTitle ?? movie.Title),
    };

    private static string KeyOf(CatalogMovie movie) => movie.ImdbId ?? $"{movie.NormalizedTitle}|{movie.Year}";

    private static string? KeyOf(BsonDocument stored) =>
        BsonFields.String(stored, "imdb_id")
        ?? (BsonFields.String(stored, "normalized_title") is { } title ? $"{title}|{BsonFields.Int(stored, "year")}" : null);

    private static async Task<Dictionary<string, BsonValue>> StoredIdsAsync(IMongoCollection<BsonDocument> catalog, CancellationToken cancellationToken)
    {
        var keys = Builders<BsonDocument>.Projection.Include("imdb_id").Include("normalized_title").Include("year");
        var stored = await catalog.Find(FilterDefinition<BsonDocument>.Empty).Project(keys).ToListAsync(cancellationToken);
        var ids = new Dictionary<string, BsonValue>();
        foreach (var document in stored)
        {
            if (KeyOf(document) is { } key)
            {
                ids.TryAdd(key, document["_id"]);
            }
        }

        return ids;
    }

    private static Task CreateIndexesAsync(IMongoCollection<BsonDocument> catalog, CancellationToken cancellationToken)
    {
        var keys = Builders<BsonDocument>.IndexKeys;
        var indexes = IndexedFields
            .Select(field => new CreateIndexModel<BsonDocument>(keys.Ascending(field)))
            .Prepend(new CreateIndexModel<BsonDocument>(keys.Ascending("imdb_id"), new CreateIndexOptions { Unique = true, Sparse = true }));
        return catalog.Indexes.CreateManyAsync(indexes, cancellationToken);
    }

    private static async Task<IReadOnlyList<BsonDocument>> ReadRowsAsync(string filePath, CancellationToken cancellationToken)
    {
        if (Path.GetExtension(filePath).Equals(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return CatalogCsv.Read(await File.ReadAllTextAsync(filePath, cancellationToken));
        }

        await using var file = File.OpenRead(filePath);
        using var json = await JsonDocument.ParseAsync(file, cancellationToken: cancellationToken);
        if (json.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{filePath}: expected a JSON array of films.");
        }

        return json.RootElement.EnumerateArray().Select(BsonJson.ToBson).OfType<BsonDocument>().ToList();
    }
}
