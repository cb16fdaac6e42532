namespace CineMatch.Documents;

/// <summary>
/// The flat counters the backend's current revision reads from <c>user_stats</c> (CONTRACT-V6 section 2.2), as
/// absolute values of the user's list in their canonical form: only keys with a count of at least 1.
/// </summary>
[GenerateSerializer, Immutable, Alias("cinematch.FlatUserCounters")]
public sealed record FlatUserCounters
{
    [Id(0)] public int TotalWatched { get; init; }
    /// <summary>Every rating summed as given (a film without one adds 0).</summary>
    [Id(1)] public long SumRatings { get; init; }
    [Id(2)] public long WatchTimeMinutes { get; init; }
    /// <summary>"1".."5" to the number of films rated so; other ratings are not counted here.</summary>
    [Id(3)] public IReadOnlyDictionary<string, int> RatingDistribution { get; init; } = new Dictionary<string, int>();
    /// <summary>Year ("2024") to month ("03") to films watched then, from the watch date's first characters.</summary>
    [Id(4)] public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> MonthlyCounts { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, int>>();
}
