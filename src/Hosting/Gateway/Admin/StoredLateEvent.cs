namespace CineMatch.Hosting.Gateway.Admin;

/// <summary>A <c>late_events</c> document as the admin API shows it.</summary>
public sealed record StoredLateEvent(string Id, string UserId, string Raw, int? Partition, long? Offset, string Reason, string Time);
