using System.Text.Json;

namespace CineMatch.Persistence.MongoDB.Storage;

/// <summary>Options of a MongoDB grain storage provider, registered under the provider's name.</summary>
public sealed class MongoDBGrainStorageOptions : MongoDBConnectionOptions
{
    /// <summary>Put before the grain type and state name to form the collection name.</summary>
    public string CollectionPrefix { get; set; } = "grains_";

    /// <summary>
    /// True: clearing a grain's state deletes its document. False: the document stays with a null state
    /// and a fresh etag, so a writer that still holds the old etag keeps failing (Orleans' ADO.NET behaviour).
    /// </summary>
    public bool DeleteStateOnClear { get; set; } = true;

    /// <summary>How grain states become JSON (and then BSON). States need public get/set (or init) properties.</summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = new(JsonSerializerDefaults.General);

    public override string? Problem() =>
        base.Problem() ?? (CollectionPrefix.Contains('$') ? "CollectionPrefix must not contain '$'" : null);
}
