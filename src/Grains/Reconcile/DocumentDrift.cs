using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CineMatch.Reconcile;

/// <summary>
/// Computed documents against stored ones, field by field, as the Spark job's <c>drift.py</c> compares them: only
/// the named fields (never <c>updated_at</c>, <c>source</c>, <c>_id</c> nor the backend's own fields), numbers as
/// numbers (4 equals 4.0), and inside a document a missing key equals null.
/// </summary>
public static class DocumentDrift
{
    /// <summary>The fields of <c>user_stats</c> reconcile compares: CONTRACT section 4 without the write's time and writer.</summary>
    public static readonly IReadOnlyList<string> UserStatsFields =
    [
        "user_id", "total_watched", "avg_rating", "rating_chart_data", "top_rated_movies", "recent_movies", "year_data",
        "available_years", "top_years", "genre_data", "favorite_genre", "watch_time_hours", "avg_duration",
        "most_watched_directors", "best_rated_directors", "most_watched_actors", "best_rated_actors", "stats_version",
        // CONTRACT-V6's flat counters, which the backend's current revision reads from the same document.
        "sum_ratings", "watch_time_minutes", "rating_distribution", "monthly_counts",
    ];

    /// <summary>The fields of <c>user_affinities</c> reconcile compares: CONTRACT-V6 section 3 without the write's time.</summary>
    public static readonly IReadOnlyList<string> UserAffinityFields = ["user_id", "type", "name", "name_key", "count", "sum_voti"];

    public static readonly IReadOnlyList<string> MovieCountFields = ["title", "year", "count"];

    public static readonly IReadOnlyList<string> GlobalStatsFields = ["top_movies", "trending_genres", "genre_counts", "total_users", "total_entries"];

    /// <summary>Whether a stored <c>user_stats</c> document holds statistics, not only the backend's fields (quiz counts).</summary>
    public static bool HoldsStatistics(JsonObject? stored) => stored is not null && UserStatsFields.Any(field => field != "user_id" && stored.ContainsKey(field));

    public static List<FieldDifference> Compare(JsonObject? computed, JsonObject? stored, IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var differences = new List<FieldDifference>();
        foreach (var field in fields)
        {
            Compare(field, computed?[field], stored?[field], differences);
        }

        return differences;
    }

    private static void Compare(string path, JsonNode? computed, JsonNode? stored, List<FieldDifference> differences)
    {
        switch (computed, stored)
        {
            case (null, null):
                return;
            case (JsonObject c, JsonObject s):
                foreach (var key in c.Select(pair => pair.Key).Concat(s.Select(pair => pair.Key).Where(key => !c.ContainsKey(key))))
                {
                    Compare($"{path}.{key}", c[key], s[key], differences);
                }

                return;
            case (JsonArray c, JsonArray s):
                for (var i = 0; i < Math.Max(c.Count, s.Count); i++)
                {
                    Compare($"{path}[{i}]", i < c.Count ? c[i] : null, i < s.Count ? s[i] : null, differences);
                }

                return;
            case (JsonValue c, JsonValue s) when SameValue(c, s):
                return;
            default:
                differences.Add(new FieldDifference(path, computed?.DeepClone(), stored?.DeepClone()));
                return;
        }
    }

    private static bool SameValue(JsonValue computed, JsonValue stored)
    {
        var (c, s) = (computed.GetValueKind(), stored.GetValueKind());
        if (c == JsonValueKind.Number && s == JsonValueKind.Number)
        {
            return Number(computed) == Number(stored);
        }

        return JsonNode.DeepEquals(computed, stored);
    }

    private static double Number(JsonValue value) => double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
