namespace CineMatch.Documents;

[GenerateSerializer, Immutable, Alias("cinematch.PersonStat")]
public sealed record PersonStat([property: Id(0)] string Name, [property: Id(1)] int Count, [property: Id(2)] double AvgRating);
