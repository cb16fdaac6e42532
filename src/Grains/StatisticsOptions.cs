using System.ComponentModel.DataAnnotations;

namespace CineMatch;

/// <summary>Tunables of the statistics grains, bound from the <c>Statistics</c> configuration section.</summary>
public sealed class StatisticsOptions
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
}
