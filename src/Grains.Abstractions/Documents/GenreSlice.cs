namespace CineMatch.Documents;

[GenerateSerializer, Immutable, Alias("cinematch.GenreSlice")]
public sealed record GenreSlice(
    [property: Id(0)] string Name,
    [property: Id(1)] double Value,
    [property: Id(2)] string Color,
    [property: Id(3)] int Count);
