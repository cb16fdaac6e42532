using System.Diagnostics.Metrics;

namespace CineMatch;

/// <summary>The counters an SRE watches (meter <c>CineMatch.Statistics</c>).</summary>
public static class StatisticsMetrics
{
    public const string MeterName = "CineMatch.Statistics";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> LateEvents =
        Meter.CreateCounter<long>("cinematch.events.late", description: "Events older than their user's watermark, kept in late_events");

    public static readonly Counter<long> RedeliveredEvents =
        Meter.CreateCounter<long>("cinematch.events.redelivered", description: "Events the user's state already reflected when the log delivered them again: skipped");

    public static readonly Counter<long> DeadLetters =
        Meter.CreateCounter<long>("cinematch.events.dead_lettered", description: "Records that were not valid events, kept in dead_letters");

    public static readonly Counter<long> TrendsWrites =
        Meter.CreateCounter<long>("cinematch.trends.writes", description: "Writes of global_stats and movie_counts");

    public static readonly Counter<long> EventsApplied =
        Meter.CreateCounter<long>("cinematch.events.applied", "{event}", "Events applied to a user's list and made durable with its user_stats");

    public static readonly Histogram<double> TrendsFlushDuration =
        Meter.CreateHistogram<double>("cinematch.trends.flush.duration", "s", "Time to write global_stats and the changed movie_counts");

    public static readonly Histogram<long> TrendsFlushSize =
        Meter.CreateHistogram<long>("cinematch.trends.flush.size", "{document}", "Documents written by one trends flush (movie_counts upserted or deleted, plus global_stats)");
}
