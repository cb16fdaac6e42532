using CineMatch.Counting;
using CineMatch.Documents;

namespace CineMatch.Reconcile;

/// <summary>
/// One user's documents as the source of truth gives them: the <c>user_stats</c> document (null when the list is
/// empty) and what the user adds to each counter, exactly as the user's grain would tell the counters.
/// </summary>
public sealed record UserTruth(string UserId, UserStatsDocument? Stats, IReadOnlyList<Contribution> Contributions);
