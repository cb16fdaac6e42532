using System.Diagnostics;

namespace CineMatch;

/// <summary>
/// The grains' own spans (activity source <c>CineMatch.Statistics</c>): the writes a traced event ends in, so that
/// a trace started by <c>POST /events</c> shows when and how long its <c>user_stats</c> write took.
/// </summary>
public static class StatisticsTracing
{
    public const string SourceName = "CineMatch.Statistics";

    public const string UserStatsWrite = "write user_stats";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>A span around writing one user's <c>user_stats</c> document, child of the delivery that caused it.</summary>
    public static Activity? StartUserStatsWrite(string userId, bool deletes)
    {
        var activity = Source.StartActivity(UserStatsWrite, ActivityKind.Internal);
        activity?.SetTag("cinematch.user_id", userId);
        activity?.SetTag("db.operation.name", deletes ? "delete" : "upsert");
        return activity;
    }
}
