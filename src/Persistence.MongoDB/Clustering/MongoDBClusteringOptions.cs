using System.ComponentModel.DataAnnotations;

namespace CineMatch.Persistence.MongoDB.Clustering;

/// <summary>Options of the MongoDB membership table (silos) and gateway list (clients).</summary>
public sealed class MongoDBClusteringOptions : MongoDBConnectionOptions
{
    /// <summary>Silo rows and the table version of every cluster id live in this one collection.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "CollectionName is required: set the collection that holds the membership table.")]
    public string CollectionName { get; set; } = "orleans_membership";
}
