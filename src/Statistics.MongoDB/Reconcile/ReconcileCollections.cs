namespace CineMatch.Statistics.MongoDB.Reconcile;

/// <summary>The collections reconcile and the bootstrap write besides the statistics.</summary>
public static class ReconcileCollections
{
    /// <summary>One drift report per run, <c>_id</c> = run id.</summary>
    public const string Reports = "reconcile_reports";

    /// <summary>The bootstrap marker: one document, <c>_id: "bootstrap"</c>, with the last user done and whether it finished.</summary>
    public const string Bootstrap = "cinematch_bootstrap";

    /// <summary>Users whose documents a run corrected while no cluster ran (<c>_id</c> = user_id): the next cluster start resyncs them.</summary>
    public const string PendingResync = "reconcile_pending";
}
