namespace CineMatch.Documents;

[GenerateSerializer, Immutable, Alias("cinematch.RatingBar")]
public sealed record RatingBar([property: Id(0)] string Rating, [property: Id(1)] int Count, [property: Id(2)] int Stars);
