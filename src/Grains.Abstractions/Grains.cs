using CineMatch.Counting;
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

    /// <summary>The current <c>user_stats</c> document, or null when the user has no present entry.</summary>
    [Alias("GetStatsAsync")]
    Task<UserStatsDocument?> GetStatsAsync();
}

/// <summary>The exact count of one film (or of one shard of the user population). Key: the counter key.</summary>
[Alias("cinematch.IMovieCounterGrain")]
public interface IMovieCounterGrain : IGrainWithStringKey
{
    /// <summary>Applies each change at most once; returns after the new figures are durable.</summary>
    [Alias("ApplyAsync")]
    Task ApplyAsync(IReadOnlyList<MembershipChange> changes);

    [Alias("GetTallyAsync")]
    Task<CounterTally> GetTallyAsync();
}

/// <summary>The community trends: a single activation (key 0) that writes <c>global_stats</c> and <c>movie_counts</c>.</summary>
[Alias("cinematch.IGlobalTrendsGrain")]
public interface IGlobalTrendsGrain : IGrainWithIntegerKey
{
    /// <summary>Takes the latest absolute figures of some counters.</summary>
    [Alias("ReportAsync")]
    Task ReportAsync(IReadOnlyList<CounterTally> tallies);

    /// <summary>The document as it would be written now.</summary>
    [Alias("GetSnapshotAsync")]
    Task<GlobalStatsDocument> GetSnapshotAsync();

    /// <summary>Writes the documents now if anything changed since the last write.</summary>
    [Alias("FlushAsync")]
    Task FlushAsync();
}

/// <summary>
/// A per-silo funnel from counters to the trends grain: it coalesces reports (the latest per counter)
/// so a hot film does not turn every event into a call on the single trends grain.
/// </summary>
[Alias("cinematch.ITrendsFeedGrain")]
public interface ITrendsFeedGrain : IGrainWithIntegerKey
{
    /// <summary>Completes when the trends grain has taken this report (or a newer one for the same counter).</summary>
    [Alias("ReportAsync")]
    Task ReportAsync(CounterTally tally);
}
