using CineMatch.Counting;

namespace CineMatch;

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
