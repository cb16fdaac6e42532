using CineMatch.Catalog;
using CineMatch.Counting;
using CineMatch.Statistics;

namespace CineMatch.Catalog;

/// <summary>Joins a list entry with its catalog film (CONTRACT section 3) and gives it its film key (section 5).</summary>
public static class FilmEnricher
{
    public static EnrichedFilm Enrich(WatchedFilm film, IMovieCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(film);
        ArgumentNullException.ThrowIfNull(catalog);
        var match = catalog.Match(film.Name, film.Year, film.ImdbId);
        var entry = new EnrichedFilm
        {
            Name = film.Name,
            Year = film.Year,
            SentYear = film.Year,
            Rating = film.Rating,
            Date = film.Date,
            ImdbId = film.ImdbId,
            Genres = film.Genres ?? [],
            Duration = film.Duration,
            Director = film.Director,
            Actors = film.Actors,
            FilmKey = FilmKeys.For(film, match),
            Label = new FilmLabel(film.Name, film.Year, null),
        };
        return match is null ? entry : WithCatalog(entry, match);
    }

    private static EnrichedFilm WithCatalog(EnrichedFilm entry, CatalogMovie match) => entry with
    {
        Genres = match.Genres.Count > 0 ? match.Genres : entry.Genres,
        Director = Value(match.Director) ?? entry.Director,
        Actors = Value(match.Actors) ?? entry.Actors,
        Duration = match.Duration ?? entry.Duration,
        ImdbId = Value(match.ImdbId) ?? entry.ImdbId,
        AvgVote = match.AvgVote,
        Description = Value(match.Description),
        // The year the user sent is part of the entry's identity: the catalog only fills a gap.
        Year = entry.Year ?? match.Year,
        PosterUrl = Value(match.PosterUrl),
        Label = new FilmLabel(match.Title, match.Year, Value(match.PosterUrl)),
    };

    // A blank catalog field is no value: it must not wipe what the user sent.
    private static string? Value(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
