namespace CineMatch.Events;

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
