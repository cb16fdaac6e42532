using System.Globalization;
using System.Text.Json;
using CineMatch.Catalog;
using CineMatch.Documents;
using CineMatch.Events;
using CineMatch.Lists;
using CineMatch.Statistics;
using CineMatch.Tests.Support;
using CineMatch.Wire;

namespace CineMatch.Tests.Property;

/// <summary>
/// One user's log through the domain classes alone, as the contract defines it: one event at a time (a purge after
/// every applied event), or the whole log as one batch (the replay's call). Both must give the same views.
/// </summary>
public static class PureReplay
{
    public static readonly TimeSpan Lateness = TimeSpan.FromHours(1);

    public static (WatchList List, List<MovieEvent> Late) Apply(IReadOnlyList<MovieEvent> log, bool purgeAfterEveryEvent)
    {
        var list = new WatchList();
        var late = new List<MovieEvent>();
        foreach (var movieEvent in log)
        {
            if (list.Apply(movieEvent, movieEvent.Position!.Offset, Lateness) == ApplyOutcome.Late)
            {
                late.Add(movieEvent);
            }
            else if (purgeAfterEveryEvent)
            {
                list.PurgeTombstones(Lateness);
            }
        }

        list.PurgeTombstones(Lateness);
        return (list, late);
    }

    /// <summary>
    /// What the list means for the documents and for every event still to come that is not late: the present films in
    /// list order, and each absent entry's rating written after its latest DELETE (the rating a later ADD would find).
    /// Purged tombstones and kept ones read the same, as they must.
    /// </summary>
    public static string ListView(WatchList list)
    {
        var present = list.PresentFilms().Select(film => JsonSerializer.Serialize(film));
        var pending = list.Entries
            .Where(entry => !entry.IsPresent && entry.Rating is { } rating && (entry.LatestDelete is null || rating.Stamp > entry.LatestDelete.Value))
            .OrderBy(entry => entry.Name, StringComparer.Ordinal).ThenBy(entry => entry.Year)
            .Select(entry => $"absent {entry.Name} ({entry.Year}) rating {entry.Rating!.Value} at {entry.Rating.Stamp}");
        return string.Join("\n", present.Concat(pending));
    }

    public static string LateView(IEnumerable<MovieEvent> late) =>
        string.Join("\n", late.Select(e => Line(e.Position!.Partition, e.Position.Offset, EventJson.Serialize(e))));

    public static string LateView(IEnumerable<LateEvent> late) =>
        string.Join("\n", late.OrderBy(e => e.Offset).Select(e => Line(e.Partition ?? -1, e.Offset ?? -1, e.Raw)));

    public static string StatsView(UserStatsDocument? document) => document is null ? "(no document)" : Outcome.Json(document);

    public static UserStatsDocument? Stats(string userId, WatchList list, IMovieCatalog catalog) =>
        UserStatsCalculator.Compute(userId, Enriched(list, catalog), DateTimeOffset.UnixEpoch, "orleans");

    public static List<EnrichedFilm> Enriched(WatchList list, IMovieCatalog catalog) =>
        [.. list.PresentFilms().Select(film => FilmEnricher.Enrich(film, catalog))];

    private static string Line(int partition, long offset, string raw) => string.Create(CultureInfo.InvariantCulture, $"{partition}/{offset} {raw}");
}
