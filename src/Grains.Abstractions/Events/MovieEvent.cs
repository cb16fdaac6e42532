namespace CineMatch.Events;

/// <summary>The five event types the FastAPI backend publishes (CONTRACT section 1).</summary>
public enum MovieEventType
{
    Add,
    Delete,
    UpdateRating,
    BulkImport,
    Recalculate,
}

/// <summary>The <c>movie</c> object of an event. Every field but <see cref="Name"/> may be missing.</summary>
[GenerateSerializer, Immutable, Alias("cinematch.MovieInfo")]
public sealed record MovieInfo
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public int? Year { get; init; }
    [Id(2)] public int? Rating { get; init; }
    [Id(3)] public string? ImdbId { get; init; }
    [Id(4)] public IReadOnlyList<string>? Genres { get; init; }
    [Id(5)] public int? Duration { get; init; }
    [Id(6)] public string? Director { get; init; }
    [Id(7)] public string? Actors { get; init; }
    /// <summary>The watch date as written: <c>YYYY-MM-DD</c> or an ISO-8601 date-time.</summary>
    [Id(8)] public string? Date { get; init; }
    [Id(9)] public int? OldRating { get; init; }
    [Id(10)] public int? NewRating { get; init; }
}

/// <summary>One parsed, valid event: what flows on the <c>user-movie-events</c> stream.</summary>
[GenerateSerializer, Immutable, Alias("cinematch.MovieEvent")]
public sealed record MovieEvent
{
    [Id(0)] public required MovieEventType Type { get; init; }
    [Id(1)] public required string UserId { get; init; }
    [Id(2)] public required MovieInfo Movie { get; init; }
    /// <summary>Event time with its original offset.</summary>
    [Id(3)] public required DateTimeOffset Timestamp { get; init; }
    /// <summary>Where the record sits in the log, when it came from one (Kafka partition and offset).</summary>
    [Id(4)] public LogPosition? Position { get; init; }
}

/// <summary>A record's place in a partitioned log.</summary>
[GenerateSerializer, Immutable, Alias("cinematch.LogPosition")]
public sealed record LogPosition([property: Id(0)] int Partition, [property: Id(1)] long Offset);

/// <summary>
/// An event with its position in the user's log. The sequence breaks ties between equal timestamps
/// (CONTRACT section 2); redelivery of the same record carries the same sequence.
/// </summary>
[GenerateSerializer, Immutable, Alias("cinematch.SequencedEvent")]
public sealed record SequencedEvent([property: Id(0)] MovieEvent Event, [property: Id(1)] long Sequence);

/// <summary>Stream names shared by producers and consumers.</summary>
public static class StreamNames
{
    /// <summary>The Kafka topic and the Orleans stream namespace: one stream per <c>user_id</c>.</summary>
    public const string UserMovieEvents = "user-movie-events";

    /// <summary>The Orleans stream provider name used by silos and clients.</summary>
    public const string Provider = "user-movie-events";
}
