using System.Text.Json;
using CineMatch.Catalog;
using CineMatch.Wire;

namespace CineMatch.Tests.Domain;

/// <summary>data/catalog.json of the repository, read once for the tests that need real titles.</summary>
internal static class BundledCatalog
{
    private static readonly Lazy<IReadOnlyList<CatalogMovie>> Movies = new(Load);

    public static IReadOnlyList<CatalogMovie> All => Movies.Value;

    private static IReadOnlyList<CatalogMovie> Load()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, "data", "catalog.json");
            if (File.Exists(path))
            {
                using var stream = File.OpenRead(path);
                return JsonSerializer.Deserialize<List<CatalogMovie>>(stream, DocumentJson.Options)!;
            }
        }

        throw new FileNotFoundException("data/catalog.json not found above " + AppContext.BaseDirectory);
    }
}
