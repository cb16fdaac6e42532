namespace CineMatch.Lists;

/// <summary>What applying one batch of a user's events did.</summary>
/// <param name="Applied">Events applied to the list.</param>
/// <param name="Late">Events older than the watermark: not applied, to be recorded for reconcile.</param>
/// <param name="Redelivered">Events the state already reflected: skipped, neither applied nor late.</param>
/// <param name="ProgressMoved">Whether the log progress moved, so the state must be written even if nothing was applied.</param>
public sealed record BatchOutcome(int Applied, IReadOnlyList<LateArrival> Late, int Redelivered, bool ProgressMoved);
