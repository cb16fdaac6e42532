namespace CineMatch;

/// <summary>Names of the Orleans providers the grains rely on; the host registers them.</summary>
public static class StorageNames
{
    /// <summary>Grain storage for lists, counters and the trends ledger.</summary>
    public const string Statistics = "cinematch";

    /// <summary>Storage of the streams' pub-sub subscriptions, as Orleans names it by default.</summary>
    public const string PubSub = "PubSubStore";
}
