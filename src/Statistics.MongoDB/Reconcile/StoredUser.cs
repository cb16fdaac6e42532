using System.Text.Json.Nodes;
using CineMatch.Events;

namespace CineMatch.Statistics.MongoDB.Reconcile;

/// <summary>
/// One user as MongoDB holds them: their films (as history events), their stored <c>user_stats</c>, if any, and their
/// stored <c>user_affinities</c> (empty when none, or when they were not read).
/// </summary>
public sealed record StoredUser(string UserId, IReadOnlyList<MovieEvent> History, JsonObject? StoredStats, IReadOnlyList<JsonObject> StoredAffinities);
