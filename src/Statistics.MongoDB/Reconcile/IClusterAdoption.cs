namespace CineMatch.Statistics.MongoDB.Reconcile;

/// <summary>
/// A running cluster told to take the truth after reconcile wrote it: the grains stay the single writers of what
/// they own, and they write last, so their next flush keeps the repair instead of undoing it.
/// </summary>
public interface IClusterAdoption
{
    /// <summary>Describes the cluster for the report and the log.</summary>
    string Description { get; }

    /// <summary>The users' grains re-read their <c>movies</c> (<c>ResyncFromHistoryAsync</c>): lists, user_stats and counters follow.</summary>
    Task ResyncUsersAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken);

    /// <summary>The trends grain rewrites these films' <c>movie_counts</c> and <c>global_stats</c> from the counters' figures.</summary>
    Task RewriteTrendsAsync(IReadOnlyList<string> filmKeys, CancellationToken cancellationToken);
}
