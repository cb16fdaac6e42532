namespace CineMatch.Events;

/// <summary>Where a user's list is seeded from when its grain has no state yet (the backend's <c>movies</c> collection).</summary>
public interface IWatchHistorySource
{
    /// <summary>The user's stored films as <c>RECALCULATE</c> events stamped with their <c>added_at</c>; empty when none.</summary>
    Task<IReadOnlyList<MovieEvent>> LoadAsync(string userId, CancellationToken cancellationToken);
}
