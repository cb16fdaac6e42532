namespace CineMatch.Hosting.Gateway.Admin;

/// <summary>A <c>dead_letters</c> document as the admin API shows it, with its id and when it was replayed (if it was).</summary>
public sealed record StoredDeadLetter(string Id, string Raw, int? Partition, long? Offset, string Reason, string Time, string? ReplayedAt);
