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
