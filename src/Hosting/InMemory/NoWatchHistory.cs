using CineMatch.Events;

namespace CineMatch.Hosting.InMemory;

/// <summary>Without the backend's <c>movies</c> collection a new user's list starts empty.</summary>
public sealed class NoWatchHistory : IWatchHistorySource
{
    public bool IsSourceOfTruth => false;

    public Task<IReadOnlyList<MovieEvent>> LoadAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MovieEvent>>([]);
}
