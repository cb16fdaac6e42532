using System.Collections.Concurrent;
using CineMatch.Catalog;
using CineMatch.Statistics;
using Microsoft.Extensions.Logging;

namespace CineMatch.Catalog;

/// <summary>
/// Looks up, in the stored catalog, the films that miss the in-memory one, before they are treated as unknown
/// (CONTRACT section 6b: the backend adds a film to <c>movies_catalog</c> just before the event that names it, and the
/// periodic refresh would see it only later). A film found joins the silo's <see cref="LiveCatalog"/>, which moves its
/// version, so every user grain holding an entry for it re-enriches on its next batch.
/// </summary>
/// <remarks>
/// Bounded, so that a stream of films no catalog knows does not turn into a stream of queries: one query per batch at
/// most (every missing film of the batch at once), and a film that was not found is not asked for again on this silo
/// for <c>missRetention</c> (the periodic refresh finds it meanwhile should it be added). At most
/// <see cref="MaxRememberedMisses"/> misses are remembered; when that many are, the expired ones are dropped, and if
/// none has expired all are forgotten (memory stays bounded; the cost is one more query per film).
/// Without a stored catalog (no MongoDB) nothing is looked up.
/// </remarks>
public sealed partial class CatalogMisses(
    LiveCatalog catalog,
    ICatalogLookup? lookup,
    TimeSpan missRetention,
    TimeProvider time,
    ILogger<CatalogMisses> logger)
{
    public const int MaxRememberedMisses = 100_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _missedUntil = new(StringComparer.Ordinal);

    /// <summary>
    /// Looks up the films of <paramref name="films"/> that the in-memory catalog does not match and that were not
    /// missed recently. A failed lookup is logged and changes nothing: the film stays unknown until the next refresh
    /// finds it, and then its counts move to its catalog key like those of any entry whose match changed.
    /// </summary>
    public async Task LookUpAsync(IEnumerable<WatchedFilm> films, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(films);
        if (lookup is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        var missing = films
            .Where(film => catalog.Match(film.Name, film.Year, film.ImdbId) is null)
            .Select(film => (Key: MissKey(film), Film: film))
            .Where(miss => !(_missedUntil.TryGetValue(miss.Key, out var until) && until > now))
            .DistinctBy(miss => miss.Key, StringComparer.Ordinal)
            .ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var imdbIds = missing.Select(miss => miss.Film.ImdbId?.Trim()).OfType<string>().Where(id => id.Length > 0).ToHashSet(StringComparer.Ordinal);
        var titles = missing.Select(miss => TitleNormalizer.Normalize(miss.Film.Name)).Where(title => title.Length > 0).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<CatalogMovie> found;
        try
        {
            found = await lookup.FindAsync(imdbIds, titles, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLookupFailed(logger, ex, missing.Count);
            return;
        }

        var added = catalog.Add(found);
        if (added > 0)
        {
            LogFound(logger, added);
        }

        Remember([.. missing.Where(miss => catalog.Match(miss.Film.Name, miss.Film.Year, miss.Film.ImdbId) is null).Select(miss => miss.Key)], now + missRetention);
    }

    private void Remember(IReadOnlyList<string> keys, DateTimeOffset until)
    {
        if (keys.Count == 0)
        {
            return;
        }

        if (_missedUntil.Count + keys.Count > MaxRememberedMisses)
        {
            var now = time.GetUtcNow();
            foreach (var expired in _missedUntil.Where(miss => miss.Value <= now).Select(miss => miss.Key).ToList())
            {
                _missedUntil.TryRemove(expired, out _);
            }

            if (_missedUntil.Count + keys.Count > MaxRememberedMisses)
            {
                _missedUntil.Clear();
            }
        }

        foreach (var key in keys)
        {
            _missedUntil[key] = until;
        }
    }

    private static string MissKey(WatchedFilm film) =>
        film.ImdbId?.Trim().ToLowerInvariant() + "|" + FilmKeys.TitleKey(film.Name, film.Year);

    [LoggerMessage(EventId = 4500, Level = LogLevel.Information, Message = "Catalog: {Count} film(s) found in the stored catalog and added")]
    private static partial void LogFound(ILogger logger, int count);

    [LoggerMessage(EventId = 4501, Level = LogLevel.Warning, Message = "Catalog lookup of {Count} film(s) failed; they stay unknown until the next refresh")]
    private static partial void LogLookupFailed(ILogger logger, Exception exception, int count);
}
