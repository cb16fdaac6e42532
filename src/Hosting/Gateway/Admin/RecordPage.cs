namespace CineMatch.Hosting.Gateway.Admin;

/// <summary>One page of stored records, oldest first; <see cref="Total"/> counts every record.</summary>
public sealed record RecordPage<T>(int Page, int Size, long Total, IReadOnlyList<T> Items);
