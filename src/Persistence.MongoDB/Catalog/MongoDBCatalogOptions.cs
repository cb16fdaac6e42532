namespace CineMatch.Persistence.MongoDB.Catalog;

/// <summary>Options of the catalog read from <c>movies_catalog</c>.</summary>
public sealed class MongoDBCatalogOptions : MongoDBConnectionOptions
{
    /// <summary>How often a silo reloads the catalog, so films imported by the backend reach the matching.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(10);

    internal override string? Problem() =>
        base.Problem() ?? (RefreshInterval <= TimeSpan.Zero ? "RefreshInterval must be positive" : null);
}
