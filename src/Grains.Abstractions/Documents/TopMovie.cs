namespace CineMatch.Documents;

[GenerateSerializer, Immutable, Alias("cinematch.TopMovie")]
public sealed record TopMovie([property: Id(0)] string Title, [property: Id(1)] string? PosterPath, [property: Id(2)] long Count);
