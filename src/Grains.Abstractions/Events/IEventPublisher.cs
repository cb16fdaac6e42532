namespace CineMatch.Events;

/// <summary>An event accepted by the gateway: parsed and validated, with the JSON text it arrived as.</summary>
public sealed record IncomingEvent(MovieEvent Event, string RawJson);

/// <summary>
/// Puts accepted events on the <c>user-movie-events</c> log: Kafka in production (key = user_id, the raw
/// JSON as value), an Orleans memory stream on the in-memory option. Completes only once the whole batch
/// is durable in the log, so a 202 from the gateway never loses an event.
/// </summary>
public interface IEventPublisher
{
    Task PublishAsync(IReadOnlyList<IncomingEvent> events, CancellationToken cancellationToken);
}

/// <summary>Where a user's list is seeded from when its grain has no state yet (the backend's <c>movies</c> collection).</summary>
public interface IWatchHistorySource
{
    /// <summary>The user's stored films as <c>RECALCULATE</c> events stamped with their <c>added_at</c>; empty when none.</summary>
    Task<IReadOnlyList<MovieEvent>> LoadAsync(string userId, CancellationToken cancellationToken);
}
