namespace CineMatch.Documents;

[GenerateSerializer, Immutable, Alias("cinematch.YearCount")]
public sealed record YearCount([property: Id(0)] int Year, [property: Id(1)] int Count);
