namespace CineMatch.Counting;

/// <summary>
/// A counter's absolute figures (EXACTNESS I4). The trends grain keeps the report with the highest
/// <see cref="Version"/> per counter, so lost or repeated reports cannot skew the totals.
/// </summary>
[GenerateSerializer, Immutable, Alias("cinematch.CounterTally")]
public sealed record CounterTally
{
    [Id(0)] public required string CounterKey { get; init; }
    [Id(1)] public long Version { get; init; }
    [Id(2)] public long Users { get; init; }
    [Id(3)] public long Entries { get; init; }
    [Id(4)] public IReadOnlyDictionary<string, long> Genres { get; init; } = new Dictionary<string, long>();
    [Id(5)] public FilmLabel? Label { get; init; }
}
