namespace CineMatch.Tests.Property;

/// <summary>How the stream hands the user's log to the grain: batch sizes, deactivations and redeliveries.</summary>
/// <param name="Size">Records in the batch; 0 takes the rest of the log (one batch, as the replay does).</param>
/// <param name="Deactivate">Deactivate the user's grain before this batch (its state comes back from storage).</param>
/// <param name="Rewind">Redeliver this many already delivered records (original positions) ahead of the batch.</param>
public sealed record BatchStep(int Size, bool Deactivate, int Rewind);
