namespace CineMatch.Tests.Property;

/// <summary>One user's log and how the stream delivers it.</summary>
public sealed record UserScript(IReadOnlyList<StepScript> Steps, IReadOnlyList<BatchStep> Batches);
