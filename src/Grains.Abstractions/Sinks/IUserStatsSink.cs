using CineMatch.Documents;

namespace CineMatch.Sinks;

// Where the computed documents go: in-memory collections on the embedded default, MongoDB in
// production. Every write is an idempotent replace or $set (EXACTNESS I5), so a retry or a late
// duplicate converges on the same stored truth.

/// <summary>The <c>user_stats</c> collection.</summary>
public interface IUserStatsSink
{
    Task UpsertAsync(UserStatsDocument document, CancellationToken cancellationToken);

    Task DeleteAsync(string userId, CancellationToken cancellationToken);
}
