namespace CineMatch.Persistence.MongoDB.Clustering;

/// <summary>Options of the MongoDB membership table (silos) and gateway list (clients).</summary>
public sealed class MongoDBClusteringOptions : MongoDBConnectionOptions
{
    /// <summary>Silo rows and the table version of every cluster id live in this one collection.</summary>
    public string CollectionName { get; set; } = "orleans_membership";

    public override string? Problem() =>
        base.Problem() ?? (string.IsNullOrWhiteSpace(CollectionName) ? "CollectionName is empty" : null);
}
