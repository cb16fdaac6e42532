using CineMatch.Persistence.MongoDB;

namespace CineMatch.Statistics.MongoDB;

/// <summary>
/// Options of CineMatch's own MongoDB parts (sinks, catalog, history): they read and write the collections
/// the backend and the dashboard share, in <c>cinematch_db</c> unless told otherwise. The provider package
/// has no default database; this is where CineMatch's lives.
/// </summary>
public abstract class CineMatchDatabaseOptions : MongoDBConnectionOptions
{
    /// <summary>The database of the contract (CONTRACT section 3).</summary>
    public const string DefaultDatabaseName = "cinematch_db";

    protected CineMatchDatabaseOptions() => DatabaseName = DefaultDatabaseName;
}
