namespace CineMatch.Documents;

/// <summary>An event older than its user's watermark: not applied by the stream, left for reconcile.</summary>
[GenerateSerializer, Immutable, Alias("cinematch.LateEvent")]
public sealed record LateEvent
{
    [Id(0)] public required string UserId { get; init; }
    /// <summary>The event as JSON in the contract's shape.</summary>
    [Id(1)] public required string Raw { get; init; }
    [Id(2)] public int? Partition { get; init; }
    [Id(3)] public long? Offset { get; init; }
    [Id(4)] public required string Reason { get; init; }
    [Id(5)] public required string Time { get; init; }
}
