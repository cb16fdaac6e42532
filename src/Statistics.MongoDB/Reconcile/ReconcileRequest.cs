namespace CineMatch.Statistics.MongoDB.Reconcile;

/// <summary>One run: report only, or report and correct; all users, or only the named ones (then films and global_stats are left alone).</summary>
public sealed record ReconcileRequest(bool Apply, IReadOnlyCollection<string>? Users = null);
