using System.Text.Json;
using CineMatch.Catalog;
using CineMatch.Hosting.Catalog;
using CineMatch.Persistence.MongoDB;
using CineMatch.Statistics.MongoDB.Catalog;
using CineMatch.Silo.Commands;
using CineMatch.Statistics.MongoDB;
using CineMatch.Wire;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Tests.MongoDB;

/// <summary><c>import-catalog</c> fills <c>movies_catalog</c>; the MongoDB catalog source reads back what the file holds.</summary>
[Collection(MongoServerCollection.Name)]
public sealed class MongoCatalogTests(MongoServer server) : IDisposable
{
    private readonly IMongoDatabase _database = server.NewDatabase();
    private readonly List<string> _files = [];

    public void Dispose() => _files.ForEach(File.Delete);

    [Fact]
    public async Task Importing_the_bundled_catalog_stores_each_film_once_and_the_source_loads_the_same_films()
    {
        // The import is the command an operator runs.
        var file = JsonFileCatalogSource.BundledPath;
        Assert.Equal(0, await ImportCatalogCommand.RunAsync([file, "--mongo", server.ConnectionString, "--database", _database.DatabaseNamespace.DatabaseName]));
        var expected = await new JsonFileCatalogSource(file).LoadAsync(default);
        var loaded = await Source().LoadAsync(default);
        Assert.Equal(Comparable(expected), Comparable(loaded));

        // Importing films again replaces them rather than adding copies. (A part of the catalog: the emulator
        // checks the unique index by scanning, which makes a full second pass needlessly slow.)
        var part = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.json");
        _files.Add(part);
        await File.WriteAllTextAsync(part, JsonSerializer.Serialize(expected.Take(100), DocumentJson.Options));
        var again = await new CatalogImporter().ImportAsync(part, _database, default);
        Assert.Equal(new CatalogImportResult(100, 0, 100, 0), again);
        Assert.Equal(expected.Count, await _database.GetCollection<BsonDocument>(CollectionNames.MoviesCatalog).CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
    }

    [Fact]
    public async Task The_import_creates_the_indexes_of_the_old_backend()
    {
        await new CatalogImporter().ImportAsync(await CsvAsync("imdb_id,title,year\ntt1,Alien,1979\n"), _database, default);

        var indexes = await _database.GetCollection<BsonDocument>(CollectionNames.MoviesCatalog).Indexes.List().ToListAsync();
        var imdb = indexes.Single(index => index["name"] == "imdb_id_1");
        Assert.True(imdb["unique"].ToBoolean());
        Assert.True(imdb["sparse"].ToBoolean());
        Assert.Equal(
            ["_id_", "genres_1", "imdb_id_1", "normalized_original_title_1", "normalized_title_1", "title_1", "year_1"],
            indexes.Select(index => index["name"].AsString).Order());
    }

    [Fact]
    public async Task A_csv_import_normalizes_titles_and_matches_films_by_imdb_id_or_by_title_and_year()
    {
        await new CatalogImporter().ImportAsync(
            await CsvAsync(
                "imdb_id,title,original_title,year,genres,duration,director,actors,avg_vote,poster_url,description\n" +
                "tt0078748,Alien,,1979,Horror|Sci-Fi,117,Ridley Scott,\"Sigourney Weaver, Tom Skerritt\",8.5,,\"A crew, a \"\"cat\"\", an alien\"\n" +
                ",Amélie,Le Fabuleux Destin d'Amélie Poulain,2001,\"Comedy,Romance\",,,,,,\n" +
                ",,,,,,,,,,\n" +
                ",Untitled without title?,,,,,,,,,\n"),
            _database,
            default);
        var result = await new CatalogImporter().ImportAsync(
            await CsvAsync("imdb_id,title,year,avg_vote\r\ntt0078748,Alien (director's cut),1979,8.6\r\n,AMÉLIE,2001,7.9\r\n,Amelie,2002,5\r\n"),
            _database,
            default);

        Assert.Equal(new CatalogImportResult(Read: 3, Inserted: 1, Updated: 2, Skipped: 0), result);
        var films = (await Source().LoadAsync(default)).ToDictionary(film => $"{film.Title}|{film.Year}");
        Assert.Equal(["ALIEN (DIRECTOR'S CUT)|1979", "AMÉLIE|2001", "AMELIE|2002", "UNTITLED WITHOUT TITLE?|"], films.Keys.Select(k => k.ToUpperInvariant()).Order());
        Assert.Equal(8.6, films["Alien (director's cut)|1979"].AvgVote);
        Assert.Equal("amelie", films["AMÉLIE|2001"].NormalizedTitle);
        Assert.Equal(TitleNormalizer.Normalize("Untitled without title?"), films["Untitled without title?|"].NormalizedTitle);

        // Films without an imdb id have no imdb_id field at all, so the unique sparse index can hold them.
        var stored = await _database.GetCollection<BsonDocument>(CollectionNames.MoviesCatalog).Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();
        Assert.DoesNotContain(stored, film => film.Contains("imdb_id") && film["imdb_id"].IsBsonNull);
    }

    [Fact]
    public async Task Films_written_by_other_tools_load_with_tolerant_types()
    {
        await _database.GetCollection<BsonDocument>(CollectionNames.MoviesCatalog).InsertManyAsync(
        [
            new BsonDocument { { "title", "Heat" }, { "year", 1995.0 }, { "genres", "Crime, Drama" }, { "avg_vote", double.NaN }, { "duration", "170" } },
            new BsonDocument { { "title", "" }, { "year", 2000 } },
        ]);

        var heat = Assert.Single(await Source().LoadAsync(default));
        Assert.Equal(1995, heat.Year);
        Assert.Equal(["Crime", "Drama"], heat.Genres);
        Assert.Null(heat.AvgVote);
        Assert.Equal(170, heat.Duration);
    }

    private MongoCatalogSource Source() =>
        new(Options.Create(new MongoDBCatalogOptions { Client = server.Client(), DatabaseName = _database.DatabaseNamespace.DatabaseName }));

    private async Task<string> CsvAsync(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.csv");
        _files.Add(path);
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    /// <summary>Films as sorted JSON lines: records with lists do not compare by value.</summary>
    private static string[] Comparable(IEnumerable<CatalogMovie> films) =>
        films.Select(film => JsonSerializer.Serialize(film, DocumentJson.Options)).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task The_import_command_refuses_a_missing_file_or_server_with_a_reason()
    {
        var noFile = await Assert.ThrowsAsync<UsageException>(() => ImportCatalogCommand.RunAsync(["nowhere.json", "--mongo", server.ConnectionString]));
        Assert.Contains("nowhere.json", noFile.Message);
        var badUrl = await Assert.ThrowsAsync<UsageException>(() => ImportCatalogCommand.RunAsync([JsonFileCatalogSource.BundledPath, "--mongo", "not-a-url"]));
        Assert.Contains("--mongo", badUrl.Message);
    }
}
