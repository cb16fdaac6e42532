using CineMatch.Events;

namespace CineMatch.Streaming.Kafka.Publishing;

/// <summary>
/// The gateway's way onto the <c>user-movie-events</c> log: the record is exactly what the FastAPI backend
/// would write (key = user_id, value = the event's JSON as received), so consumers cannot tell them apart.
/// </summary>
public sealed class KafkaEventPublisher(KafkaLogWriter writer, KafkaPublisherOptions options) : IEventPublisher
{
    /// <exception cref="EventLogUnavailableException">The brokers did not acknowledge the whole batch in time (answer 503).</exception>
    public Task PublishAsync(IReadOnlyList<IncomingEvent> events, CancellationToken cancellationToken) =>
        writer.WriteAsync(options.Topic, events.Select(e => (e.Event.UserId, e.RawJson)).ToList(), cancellationToken);
}
