using System.Text.Json;
using CineMatch.Catalog;
using CineMatch.Wire;

namespace CineMatch.Hosting.Catalog;

/// <summary>A catalog file: a JSON array of <c>movies_catalog</c> documents (the bundled <c>data/catalog.json</c>).</summary>
public sealed class JsonFileCatalogSource(string path) : ICatalogSource
{
    /// <summary>The catalog shipped with the silo, converted from the Vega movies dataset.</summary>
    public static string BundledPath => System.IO.Path.Combine(AppContext.BaseDirectory, "data", "catalog.json");

    public string Path { get; } = path;

    public async Task<IReadOnlyList<CatalogMovie>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(Path);
        var movies = await JsonSerializer.DeserializeAsync<List<CatalogMovie>>(file, DocumentJson.Options, cancellationToken);
        return movies ?? throw new InvalidDataException($"{Path}: expected a JSON array of catalog documents");
    }
}
