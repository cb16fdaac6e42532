namespace CineMatch.Counting;

/// <summary>How a film is shown in the Top 10 and in <c>movie_counts</c>.</summary>
[GenerateSerializer, Immutable, Alias("cinematch.FilmLabel")]
public sealed record FilmLabel([property: Id(0)] string Title, [property: Id(1)] int? Year, [property: Id(2)] string? PosterUrl);
