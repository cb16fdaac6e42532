namespace CineMatch.Events;

/// <summary>
/// Puts accepted events on the <c>user-movie-events</c> log: Kafka in production (key = user_id, the raw
/// JSON as value), an Orleans memory stream on the in-memory option. Completes only once the whole batch
/// is durable in the log, so a 202 from the gateway never loses an event.
/// </summary>
public interface IEventPublisher
{
    Task PublishAsync(IReadOnlyList<IncomingEvent> events, CancellationToken cancellationToken);
}
