using CineMatch.Catalog;
using CineMatch.Counting;
using CineMatch.Events;
using CineMatch.Lists;
using CineMatch.Statistics;

namespace CineMatch.Reconcile;

/// <summary>
/// A user's documents from their stored films, by the code path a user's grain takes in
/// <c>ResyncFromHistoryAsync</c>: the films adopted into a <see cref="WatchList"/>, enriched by
/// <see cref="FilmEnricher"/>, computed by <see cref="UserStatsCalculator"/> and <see cref="AffinityCalculator"/>,
/// contributed through a <see cref="MembershipLedger"/>. Reconcile and the grains therefore cannot disagree about a rule.
/// </summary>
public static class HistoryRecomputation
{
    // As in the grain: stored history precedes every logged event with the same time.
    private const long HistorySequenceBase = long.MinValue / 2;

    /// <param name="history">The user's films as <c>RECALCULATE</c> events stamped with <c>added_at</c> (what
    /// <see cref="IWatchHistorySource"/> returns).</param>
    public static UserTruth Recompute(string userId, IReadOnlyList<MovieEvent> history, IMovieCatalog catalog, DateTimeOffset now, string source)
    {
        ArgumentNullException.ThrowIfNull(history);
        var list = new WatchList();
        list.Adopt(history, HistorySequenceBase, EventStamp.Of(now, long.MaxValue));
        var films = list.PresentFilms().Select(film => FilmEnricher.Enrich(film, catalog)).ToList();
        var ledger = new MembershipLedger();
        ledger.Reconcile(userId, films);
        return new UserTruth(userId, UserStatsCalculator.Compute(userId, films, now, source), ledger.Contributions, AffinityCalculator.Compute(userId, films));
    }
}
