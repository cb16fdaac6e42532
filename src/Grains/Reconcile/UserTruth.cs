using CineMatch.Counting;
using CineMatch.Documents;

namespace CineMatch.Reconcile;

/// <summary>
/// One user's documents as the source of truth gives them: the <c>user_stats</c> document (null when the list is
/// empty), what the user adds to each counter, exactly as the user's grain would tell the counters, and the user's
/// <c>user_affinities</c> documents (sorted by <c>_id</c>, without <c>updated_at</c>).
/// </summary>
public sealed record UserTruth(string UserId, UserStatsDocument? Stats, IReadOnlyList<Contribution> Contributions, IReadOnlyList<UserAffinityDocument> Affinities);
