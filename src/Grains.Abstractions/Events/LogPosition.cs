namespace CineMatch.Events;

/// <summary>A record's place in a partitioned log.</summary>
[GenerateSerializer, Immutable, Alias("cinematch.LogPosition")]
public sealed record LogPosition([property: Id(0)] int Partition, [property: Id(1)] long Offset);
