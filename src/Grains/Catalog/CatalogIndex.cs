using CineMatch.Catalog;

namespace CineMatch.Catalog;

/// <summary>
/// The catalog in memory, indexed once so that each match is a few dictionary lookups (CONTRACT section 3).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>imdb ids are compared trimmed and ignoring case.</item>
/// <item>Titles are normalized here from <c>title</c> and <c>original_title</c> as well as taken from the stored
/// normalized fields, so a catalog written by another tool still matches.</item>
/// <item>An entry without a year never meets rule 2 ("years equal" needs a year); it goes on to rule 3.</item>
/// <item>When several films tie (same imdb id; same title and year; same title and most recent year), the first in
/// catalog order wins. Under rule 3 a film without a year comes after every film with one.</item>
/// </list>
/// </remarks>
public sealed class CatalogIndex : IMovieCatalog
{
    private readonly Dictionary<string, CatalogMovie> _byImdbId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string Title, int Year), CatalogMovie> _byTitleAndYear = [];
    private readonly Dictionary<string, CatalogMovie> _newestByTitle = new(StringComparer.Ordinal);

    public CatalogIndex(IEnumerable<CatalogMovie> movies)
    {
        ArgumentNullException.ThrowIfNull(movies);
        foreach (var movie in movies)
        {
            Add(movie);
            Count++;
        }
    }

    /// <summary>Number of films indexed.</summary>
    public int Count { get; }

    /// <summary>An index never changes.</summary>
    public long Version => 0;

    public CatalogMovie? Match(string name, int? year, string? imdbId)
    {
        if (ImdbKey(imdbId) is { } imdbKey && _byImdbId.TryGetValue(imdbKey, out var byId))
        {
            return byId;
        }

        var title = TitleNormalizer.Normalize(name);
        if (title.Length == 0)
        {
            return null;
        }

        if (year is { } knownYear && _byTitleAndYear.TryGetValue((title, knownYear), out var byTitleAndYear))
        {
            return byTitleAndYear;
        }

        return _newestByTitle.GetValueOrDefault(title);
    }

    private static string? ImdbKey(string? imdbId) => string.IsNullOrWhiteSpace(imdbId) ? null : imdbId.Trim();

    private void Add(CatalogMovie movie)
    {
        if (ImdbKey(movie.ImdbId) is { } imdbKey)
        {
            _byImdbId.TryAdd(imdbKey, movie);
        }

        foreach (var title in NormalizedTitles(movie))
        {
            if (movie.Year is { } year)
            {
                _byTitleAndYear.TryAdd((title, year), movie);
            }

            if (!_newestByTitle.TryGetValue(title, out var known) || IsNewer(movie, known))
            {
                _newestByTitle[title] = movie;
            }
        }
    }

    // Strictly newer: an equal year keeps the film that came first.
    private static bool IsNewer(CatalogMovie candidate, CatalogMovie known) =>
        candidate.Year is { } year && (known.Year is not { } knownYear || year > knownYear);

    private static IEnumerable<string> NormalizedTitles(CatalogMovie movie) =>
        new[] { movie.Title, movie.OriginalTitle, movie.NormalizedTitle, movie.NormalizedOriginalTitle }
            .Select(TitleNormalizer.Normalize)
            .Where(title => title.Length > 0)
            .Distinct(StringComparer.Ordinal);
}
