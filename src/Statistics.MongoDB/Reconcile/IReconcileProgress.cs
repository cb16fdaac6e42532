namespace CineMatch.Statistics.MongoDB.Reconcile;

/// <summary>Where a run reports how far it got (a terminal bar, log lines, an HTTP status).</summary>
public interface IReconcileProgress
{
    void Started(long users);

    void Checked(long users);

    void Finished(long users);
}
