using CineMatch.Counting;
using CineMatch.Documents;

namespace CineMatch;

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

    /// <summary>
    /// Writes these films' <c>movie_counts</c> (deleting those no counter holds) and <c>global_stats</c> now, changed
    /// or not: reconcile repaired documents behind the cluster's back, and the cluster must write last.
    /// </summary>
    [Alias("RewriteAsync")]
    Task RewriteAsync(IReadOnlyList<string> filmKeys);
}
