using System.ComponentModel.DataAnnotations;

namespace CineMatch;

/// <summary>Tunables of the statistics grains, bound from the <c>Statistics</c> configuration section.</summary>
public sealed class StatisticsOptions : IValidatableObject
{
    public const string Section = "Statistics";

    /// <summary>How far behind a user's latest event an event may be and still be applied (the watermark).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00", ErrorMessage = "Statistics:AllowedLateness must be between {1} and {2}")]
    public TimeSpan AllowedLateness { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the trends grain writes <c>global_stats</c> and <c>movie_counts</c> when something changed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ErrorMessage = "Statistics:TrendsFlushInterval must be between {1} and {2}")]
    public TimeSpan TrendsFlushInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a counter remembers the changes it applied, to recognise retries.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "Statistics:CounterDedupWindow must be between {1} and {2}")]
    public TimeSpan CounterDedupWindow { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The <c>source</c> written into documents.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Statistics:Source is empty: name the writer stamped into documents, or leave it unset for orleans")]
    public string Source { get; set; } = "orleans";

    /// <summary>The backend's own zone: <c>updated_at</c> is written as its local time there (CONTRACT section 6b).</summary>
    public string TimeZone { get; set; } = DefaultTimeZone;

    /// <summary>
    /// Whether the <c>user_affinities</c> collection is written (CONTRACT section 6b, for the backend revision that
    /// reads it). On by default in every mode: the replay command writes it out too.
    /// </summary>
    public bool WriteAffinities { get; set; } = true;

    public const string DefaultTimeZone = "Europe/Rome";

    /// <summary>The zone named by <see cref="TimeZone"/>; validation at start guarantees that it exists.</summary>
    public TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult(
                $"Statistics:TimeZone \"{TimeZone}\" is not a time zone this machine knows: name an IANA zone such as {DefaultTimeZone} (the backend's zone: updated_at is compared with its local times)",
                [nameof(TimeZone)]);
        }
    }
}
