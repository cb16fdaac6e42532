using CineMatch.Persistence.MongoDB;
namespace CineMatch.Statistics.MongoDB.Sinks;

/// <summary>Options of the statistics sinks (<c>user_stats</c>, <c>global_stats</c>, <c>movie_counts</c>, <c>dead_letters</c>, <c>late_events</c>).</summary>
public sealed class MongoDBSinkOptions : MongoDBConnectionOptions
{
    /// <summary>How long one attempt may take before it counts as failed and is retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The pause after the first failure; it doubles after each further failure, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public override string? Problem() =>
        base.Problem()
        ?? (AttemptTimeout <= TimeSpan.Zero ? "AttemptTimeout must be positive" : null)
        ?? (FirstRetryDelay <= TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay ? "need 0 < FirstRetryDelay <= MaxRetryDelay" : null);
}
