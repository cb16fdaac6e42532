namespace CineMatch.Statistics.MongoDB.History;

/// <summary>Options of the history read from the backend's <c>movies</c> collection.</summary>
public sealed class MongoDBHistoryOptions : CineMatchDatabaseOptions;
