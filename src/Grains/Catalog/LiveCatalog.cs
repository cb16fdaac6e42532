using CineMatch.Catalog;

namespace CineMatch.Catalog;

/// <summary>
/// The silo's catalog: an immutable index swapped whole when the catalog is (re)loaded, so a match
/// never sees a half-built index and never waits on the network.
/// </summary>
public sealed class LiveCatalog : IMovieCatalog
{
    private volatile CatalogIndex _index = new([]);
    private volatile IReadOnlyList<CatalogMovie> _films = [];

    public int Count => _index.Count;

    /// <summary>The films as loaded, for whoever needs to list them (the demo traffic, diagnostics).</summary>
    public IReadOnlyList<CatalogMovie> Films => _films;

    public CatalogMovie? Match(string name, int? year, string? imdbId) => _index.Match(name, year, imdbId);

    public void Replace(IReadOnlyList<CatalogMovie> movies)
    {
        _index = new CatalogIndex(movies);
        _films = movies;
    }
}
