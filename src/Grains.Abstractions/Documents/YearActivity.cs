namespace CineMatch.Documents;

[GenerateSerializer, Immutable, Alias("cinematch.YearActivity")]
public sealed record YearActivity(
    [property: Id(0)] int Year,
    [property: Id(1)] IReadOnlyList<MonthCount> MonthlyData,
    [property: Id(2)] int TotalFilms);
