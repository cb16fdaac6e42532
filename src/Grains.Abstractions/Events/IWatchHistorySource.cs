namespace CineMatch.Events;

/// <summary>Where a user's list is seeded from when its grain has no state yet (the backend's <c>movies</c> collection).</summary>
public interface IWatchHistorySource
{
    /// <summary>
    /// Whether the source holds every user's list as the backend keeps it (MongoDB mode): only then may a user's
    /// list be made to follow it (a re-upload, reconcile), rather than the events standing alone.
    /// </summary>
    bool IsSourceOfTruth { get; }

    /// <summary>The user's stored films as <c>RECALCULATE</c> events stamped with their <c>added_at</c>; empty when none.</summary>
    Task<IReadOnlyList<MovieEvent>> LoadAsync(string userId, CancellationToken cancellationToken);
}
