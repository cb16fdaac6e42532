namespace CineMatch.Statistics.MongoDB.Catalog;

/// <summary>Options of the catalog read from <c>movies_catalog</c>.</summary>
public sealed class MongoDBCatalogOptions : CineMatchDatabaseOptions;
