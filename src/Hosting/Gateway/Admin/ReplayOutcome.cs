namespace CineMatch.Hosting.Gateway.Admin;

/// <summary>What a replay answers: when the record was replayed, and whether this call published it.</summary>
public sealed record ReplayOutcome(string Id, string ReplayedAt, bool Published);
