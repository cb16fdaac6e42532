using System.Text.Json.Nodes;

namespace CineMatch.Reconcile;

/// <summary>One field that differs: its path (<c>top_rated_movies[0].rating</c>), the computed and the stored value (null when absent).</summary>
public sealed record FieldDifference(string Field, JsonNode? Computed, JsonNode? Stored);
