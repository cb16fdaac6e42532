using System.Globalization;
using CineMatch.Catalog;
using CineMatch.Statistics;

namespace CineMatch.Catalog;

/// <summary>
/// A film's identity for the global counts (CONTRACT section 5): every user's entry for the same film gets the
/// same key. imdb ids are trimmed and lower-cased, so "TT0245429" and "tt0245429" are one film.
/// </summary>
public static class FilmKeys
{
    public static string For(WatchedFilm film, CatalogMovie? match)
    {
        if (match is not null)
        {
            return ImdbKey(match.ImdbId) ?? TitleKey(match.Title, match.Year);
        }

        return ImdbKey(film.ImdbId) ?? TitleKey(film.Name, film.Year);
    }

    /// <summary><c>normalize(title)|year</c>; an unknown year is written as nothing: <c>alien|</c>.</summary>
    public static string TitleKey(string title, int? year) =>
        TitleNormalizer.Normalize(title) + "|" + year?.ToString(CultureInfo.InvariantCulture);

    private static string? ImdbKey(string? imdbId) =>
        string.IsNullOrWhiteSpace(imdbId) ? null : imdbId.Trim().ToLowerInvariant();
}
