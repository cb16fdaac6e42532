namespace CineMatch.Documents;

[GenerateSerializer, Immutable, Alias("cinematch.GenreTrend")]
public sealed record GenreTrend([property: Id(0)] string Genre, [property: Id(1)] long Count, [property: Id(2)] double Percentage);
