using CineMatch.Catalog;

namespace CineMatch.Catalog;

/// <summary>The catalog, held in memory on every silo: matching costs no network round trip.</summary>
public interface IMovieCatalog
{
    /// <summary>The film an entry matches (CONTRACT section 3, first rule that hits), or null.</summary>
    CatalogMovie? Match(string name, int? year, string? imdbId);
}
