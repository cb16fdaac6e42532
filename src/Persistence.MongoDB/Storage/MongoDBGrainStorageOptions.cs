using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Orleans.Storage;

namespace CineMatch.Persistence.MongoDB.Storage;

/// <summary>Options of a MongoDB grain storage provider, registered under the provider's name.</summary>
public sealed class MongoDBGrainStorageOptions : MongoDBConnectionOptions
{
    /// <summary>Put before the grain type and state name to form the collection name.</summary>
    [RegularExpression(@"^[^$]*$", ErrorMessage = "CollectionPrefix must not contain '$': MongoDB reserves it in collection names.")]
    public string CollectionPrefix { get; set; } = "grains_";

    /// <summary>
    /// True: clearing a grain's state deletes its document. False: the document stays with a null state
    /// and a fresh etag, so a writer that still holds the old etag keeps failing (Orleans' ADO.NET behaviour).
    /// </summary>
    public bool DeleteStateOnClear { get; set; } = true;

    /// <summary>
    /// How grain states become JSON (and then a BSON document that any MongoDB tool can read and query).
    /// States need public get/set (or init) properties. Not used when <see cref="GrainStorageSerializer"/> is set.
    /// </summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = new(JsonSerializerDefaults.General);

    /// <summary>
    /// An Orleans grain storage serializer (e.g. Orleans' own binary one) for states that System.Text.Json cannot
    /// round-trip; the state is then stored as opaque BSON binary data. Null (the default): a readable BSON document.
    /// </summary>
    public IGrainStorageSerializer? GrainStorageSerializer { get; set; }
}
