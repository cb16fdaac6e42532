using System.Text.Json.Serialization;

namespace CineMatch.Hosting.Gateway;

/// <summary>What <c>/health</c> answers, from a silo or from the gateway alone.</summary>
/// <param name="EventLog">How events reach the grains: <c>kafka</c> or <c>memory</c>.</param>
/// <param name="CatalogFilms">Films in the catalog; only a silo knows it, the gateway alone leaves it out.</param>
public sealed record HealthReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("event_log")] string EventLog,
    [property: JsonPropertyName("catalog_films"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? CatalogFilms);
