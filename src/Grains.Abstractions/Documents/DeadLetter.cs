namespace CineMatch.Documents;

/// <summary>A record that could not be used (CONTRACT section 6), kept with its raw text.</summary>
[GenerateSerializer, Immutable, Alias("cinematch.DeadLetter")]
public sealed record DeadLetter
{
    [Id(0)] public required string Raw { get; init; }
    [Id(1)] public int? Partition { get; init; }
    [Id(2)] public long? Offset { get; init; }
    [Id(3)] public required string Reason { get; init; }
    [Id(4)] public required string Time { get; init; }
}
