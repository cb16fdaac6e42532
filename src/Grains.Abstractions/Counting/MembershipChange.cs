namespace CineMatch.Counting;

/// <summary>
/// A change in one user's contribution to one counter, sent from the user's outbox (EXACTNESS I3).
/// (<see cref="UserId"/>, <see cref="Sequence"/>) identifies it, so a counter applies a retry at most once.
/// </summary>
[GenerateSerializer, Immutable, Alias("cinematch.MembershipChange")]
public sealed record MembershipChange
{
    [Id(0)] public required string UserId { get; init; }
    /// <summary>Per-user, strictly increasing.</summary>
    [Id(1)] public required long Sequence { get; init; }
    /// <summary>The counter this change is for (a film key, or a user-population shard).</summary>
    [Id(2)] public required string CounterKey { get; init; }
    /// <summary>+1 when the user now holds the film, -1 when no longer, 0 when only the entries changed.</summary>
    [Id(3)] public int UserDelta { get; init; }
    /// <summary>Change in the number of the user's present entries that map to this counter.</summary>
    [Id(4)] public int EntryDelta { get; init; }
    /// <summary>Change in genre tallies (each entry adds one per enriched genre).</summary>
    [Id(5)] public IReadOnlyDictionary<string, int> GenreDeltas { get; init; } = new Dictionary<string, int>();
    /// <summary>Display data for the counter; the newest change wins.</summary>
    [Id(6)] public FilmLabel? Label { get; init; }
}

/// <summary>How a film is shown in the Top 10 and in <c>movie_counts</c>.</summary>
[GenerateSerializer, Immutable, Alias("cinematch.FilmLabel")]
public sealed record FilmLabel([property: Id(0)] string Title, [property: Id(1)] int? Year, [property: Id(2)] string? PosterUrl);

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

/// <summary>Keys of the counter grains.</summary>
public static class CounterKeys
{
    /// <summary>
    /// Counters under this prefix count users with at least one present entry (for <c>total_users</c>),
    /// sharded so that no single grain sees every user. Film keys never start with it: they are an
    /// imdb id or a normalized title, which holds only ASCII letters, digits and spaces.
    /// </summary>
    public const string UserPopulationPrefix = "~users/";

    public const int UserPopulationShards = 16;

    public static bool IsUserPopulation(string counterKey) => counterKey.StartsWith(UserPopulationPrefix, StringComparison.Ordinal);

    public static string UserPopulationShard(string userId)
    {
        // A stable hash (string.GetHashCode is randomized per process).
        uint hash = 2166136261;
        foreach (var c in userId)
        {
            hash = (hash ^ c) * 16777619;
        }

        return UserPopulationPrefix + (hash % UserPopulationShards).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
    }
}
