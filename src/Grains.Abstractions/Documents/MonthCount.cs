namespace CineMatch.Documents;

[GenerateSerializer, Immutable, Alias("cinematch.MonthCount")]
public sealed record MonthCount([property: Id(0)] string Month, [property: Id(1)] int Films);
