namespace CineMatch.Lists;

/// <summary>What applying one event did.</summary>
public enum ApplyOutcome
{
    Applied,
    /// <summary>Older than the watermark: not applied, to be recorded for the next reconcile run.</summary>
    Late,
}
