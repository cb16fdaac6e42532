using System.Text.Json;
using System.Text.Json.Nodes;
using CineMatch.Domain;
using CineMatch.Silo.Embedded;

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
}
