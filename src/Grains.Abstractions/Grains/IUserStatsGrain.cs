using CineMatch.Documents;
using CineMatch.Events;

namespace CineMatch;

/// <summary>One user's list and statistics. Key: <c>user_id</c>. Fed by the <c>user-movie-events</c> stream.</summary>
[Alias("cinematch.IUserStatsGrain")]
public interface IUserStatsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies a batch of the user's events (the stream handler and the replay command both end here).
    /// Returns once the list, the statistics and every membership change they cause are durable and delivered.
    /// </summary>
    [Alias("ApplyAsync")]
    Task ApplyAsync(IReadOnlyList<SequencedEvent> events);

    /// <summary>
    /// Makes the list follow the backend's <c>movies</c> as it is now (reconcile, bootstrap): films it lacks leave,
    /// films it holds are present with its values, in its order; events stamped later still win. The counters get the
    /// exact changes, and <c>user_stats</c> is rewritten. Does nothing without a source of truth (no MongoDB).
    /// </summary>
    [Alias("ResyncFromHistoryAsync")]
    Task ResyncFromHistoryAsync();

    /// <summary>The current <c>user_stats</c> document, or null when the user has no present entry.</summary>
    [Alias("GetStatsAsync")]
    Task<UserStatsDocument?> GetStatsAsync();

    /// <summary>The films the user holds now, as user_stats sees them (completed from the catalog): what support looks at.</summary>
    [Alias("GetListAsync")]
    Task<UserListDocument> GetListAsync();
}
