using System.Text.Json.Nodes;
using CineMatch.Events;

namespace CineMatch.Statistics.MongoDB.Reconcile;

/// <summary>One user as MongoDB holds them: their films (as history events) and their stored <c>user_stats</c>, if any.</summary>
public sealed record StoredUser(string UserId, IReadOnlyList<MovieEvent> History, JsonObject? StoredStats);
