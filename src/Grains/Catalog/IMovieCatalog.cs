using CineMatch.Catalog;

namespace CineMatch.Catalog;

/// <summary>The catalog, held in memory on every silo: matching costs no network round trip.</summary>
public interface IMovieCatalog
{
    /// <summary>
    /// Changes whenever the films held change (a refresh that found new or edited films, a film found by a lookup), so
    /// a user grain knows that its entries' matches, and with them their film keys, may have moved.
    /// </summary>
    long Version { get; }

    /// <summary>The film an entry matches (CONTRACT section 3, first rule that hits), or null.</summary>
    CatalogMovie? Match(string name, int? year, string? imdbId);
}
