using System.ComponentModel.DataAnnotations;

namespace CineMatch.Statistics.MongoDB.Sinks;

/// <summary>Options of the statistics sinks (<c>user_stats</c>, <c>global_stats</c>, <c>movie_counts</c>, <c>dead_letters</c>, <c>late_events</c>).</summary>
public sealed class MongoDBSinkOptions : CineMatchDatabaseOptions
{
    /// <summary>How long one attempt may take before it counts as failed and is retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The pause after the first failure; it doubles after each further failure, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in base.Validate(validationContext))
        {
            yield return result;
        }

        if (AttemptTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult($"AttemptTimeout must be positive (it is {AttemptTimeout}).", [nameof(AttemptTimeout)]);
        }

        if (FirstRetryDelay <= TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay)
        {
            yield return new ValidationResult(
                $"need 0 < FirstRetryDelay <= MaxRetryDelay (they are {FirstRetryDelay} and {MaxRetryDelay}).",
                [nameof(FirstRetryDelay), nameof(MaxRetryDelay)]);
        }
    }
}
