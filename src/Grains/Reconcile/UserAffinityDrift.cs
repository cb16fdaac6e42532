using System.Text.Json;
using System.Text.Json.Nodes;
using CineMatch.Documents;
using CineMatch.Wire;

namespace CineMatch.Reconcile;

/// <summary>
/// One user's computed <c>user_affinities</c> against the stored ones, matched by <c>_id</c>: each computed document
/// is the same, differs or is missing; each stored one no computation gives is extra. Holds one user's documents.
/// </summary>
public static class UserAffinityDrift
{
    /// <summary>Every computed document in their order, then the extra stored ones in <c>_id</c> order (ordinal).</summary>
    /// <returns>The document's id, how it stands, and the computed document (null for an extra one).</returns>
    public static IEnumerable<(string Id, DocumentComparison Comparison, UserAffinityDocument? Computed)> Compare(
        IReadOnlyList<UserAffinityDocument> computed, IReadOnlyList<JsonObject> stored)
    {
        ArgumentNullException.ThrowIfNull(computed);
        ArgumentNullException.ThrowIfNull(stored);
        var storedById = stored.ToDictionary(document => document["_id"]?.ToString() ?? "", StringComparer.Ordinal);
        foreach (var affinity in computed)
        {
            var found = storedById.Remove(affinity.Id, out var match);
            var json = JsonSerializer.SerializeToNode(affinity, DocumentJson.Options)!.AsObject();
            yield return (affinity.Id, DocumentComparison.Of(json, match, DocumentDrift.UserAffinityFields, found), affinity);
        }

        foreach (var (id, extra) in storedById.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            yield return (id, DocumentComparison.Of(null, extra, DocumentDrift.UserAffinityFields, storedExists: true), null);
        }
    }
}
