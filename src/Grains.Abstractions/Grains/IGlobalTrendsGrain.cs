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
}
