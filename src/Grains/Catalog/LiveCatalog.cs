using CineMatch.Catalog;

namespace CineMatch.Catalog;

/// <summary>
/// The silo's catalog: an immutable index swapped whole when the catalog is (re)loaded or a film is added, so a match
/// never sees a half-built index and never waits on the network.
/// </summary>
public sealed class LiveCatalog : IMovieCatalog
{
    private static readonly IReadOnlyList<string> NoGenres = [];
    private readonly Lock _writing = new();
    private volatile CatalogIndex _index = new([]);
    private volatile IReadOnlyList<CatalogMovie> _films = [];
    private long _version;

    public int Count => _index.Count;

    public long Version => Interlocked.Read(ref _version);

    /// <summary>The films as loaded, for whoever needs to list them (the demo traffic, diagnostics).</summary>
    public IReadOnlyList<CatalogMovie> Films => _films;

    public CatalogMovie? Match(string name, int? year, string? imdbId) => _index.Match(name, year, imdbId);

    /// <summary>
    /// Takes a whole new catalog. The version moves only when the films differ: a periodic refresh that finds the same
    /// catalog must not make every user grain recompute.
    /// </summary>
    public void Replace(IReadOnlyList<CatalogMovie> movies)
    {
        ArgumentNullException.ThrowIfNull(movies);
        lock (_writing)
        {
            if (movies.Count == _films.Count && movies.Zip(_films).All(pair => SameFilm(pair.First, pair.Second)))
            {
                return;
            }

            Swap(movies);
        }
    }

    /// <summary>Adds films found after the last load (a lookup in the stored catalog); returns how many were new.</summary>
    public int Add(IEnumerable<CatalogMovie> movies)
    {
        ArgumentNullException.ThrowIfNull(movies);
        lock (_writing)
        {
            var added = movies.Where(movie => !_films.Any(known => SameFilm(known, movie))).ToList();
            if (added.Count > 0)
            {
                // Rebuilt whole, O(catalog): films are found this way rarely (a film new to the catalog), never per event.
                Swap([.. _films, .. added]);
            }

            return added.Count;
        }
    }

    private void Swap(IReadOnlyList<CatalogMovie> movies)
    {
        _index = new CatalogIndex(movies);
        _films = movies;
        Interlocked.Increment(ref _version);
    }

    // Records compare lists by reference; a reloaded film has a new genre list with the same names.
    private static bool SameFilm(CatalogMovie left, CatalogMovie right) =>
        left with { Genres = NoGenres } == right with { Genres = NoGenres } && left.Genres.SequenceEqual(right.Genres, StringComparer.Ordinal);
}
