namespace CineMatch.Statistics.MongoDB.Catalog;

/// <summary>What an import did.</summary>
public sealed record CatalogImportResult(int Read, int Inserted, int Updated, int Skipped);
