using System.Text.Json;
using System.Text.Json.Nodes;
using CineMatch.Hosting.InMemory;
using CineMatch.Wire;

namespace CineMatch.Tests.Support;

/// <summary>The stored collections as comparable text, without the write times.</summary>
public sealed record Outcome(string UserStats, string MovieCounts, string GlobalStats)
{
    public static Outcome Of(InMemoryStatisticsStore store) => new(
        string.Join("\n", store.UserStats.Values.OrderBy(doc => doc.UserId, StringComparer.Ordinal).Select(Json)),
        string.Join("\n", store.MovieCounts.Values.OrderBy(doc => doc.Id, StringComparer.Ordinal).Select(Json)),
        store.GlobalStats is null ? "" : Json(store.GlobalStats));

    public static string Json<T>(T document)
    {
        var node = JsonSerializer.SerializeToNode(document, DocumentJson.Options)!.AsObject();
        node.Remove("updated_at");
        return node.ToJsonString();
    }

    /// <summary>Where two outcomes differ, collection by collection, with a few examples of each side.</summary>
    public static string Differences(Outcome expected, Outcome stored)
    {
        static string Lines(string what, string expected, string stored)
        {
            var want = expected.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var have = stored.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var missing = want.Except(have).ToList();
            var extra = have.Except(want).ToList();
            return missing.Count + extra.Count == 0
                ? $"{what}: same ({want.Length})\n"
                : $"{what}: {want.Length} expected, {have.Length} stored; {missing.Count} expected not stored, e.g.\n  {string.Join("\n  ", missing.Take(3))}\n" +
                  $"  {extra.Count} stored not expected, e.g.\n  {string.Join("\n  ", extra.Take(3))}\n";
        }

        return Lines("user_stats", expected.UserStats, stored.UserStats)
            + Lines("movie_counts", expected.MovieCounts, stored.MovieCounts)
            + Lines("global_stats", expected.GlobalStats, stored.GlobalStats);
    }
}
