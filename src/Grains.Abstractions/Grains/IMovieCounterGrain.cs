using CineMatch.Counting;

namespace CineMatch;

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
