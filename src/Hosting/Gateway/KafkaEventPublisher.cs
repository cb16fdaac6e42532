using CineMatch.Events;
using CineMatch.Hosting.Observability;
using CineMatch.Streaming.Kafka.Publishing;

namespace CineMatch.Hosting.Gateway;

/// <summary>
/// The gateway's way onto the <c>user-movie-events</c> log: the record is exactly what the FastAPI backend
/// would write (key = user_id, value = the event's JSON as received), so consumers cannot tell them apart; the
/// writer adds the publish span's context as a <c>traceparent</c> header, by which the trace reaches the grains.
/// </summary>
public sealed class KafkaEventPublisher(KafkaLogWriter writer, string topic) : IEventPublisher
{
    /// <exception cref="EventLogUnavailableException">The brokers did not acknowledge the whole batch in time (answer 503).</exception>
    public async Task PublishAsync(IReadOnlyList<IncomingEvent> events, CancellationToken cancellationToken)
    {
        using var span = GatewayTelemetry.StartPublish(topic, events.Count);
        try
        {
            await writer.WriteAsync(topic, events.Select(e => (e.Event.UserId, e.RawJson)).ToList(), cancellationToken);
        }
        catch (KafkaUnavailableException exception)
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, exception.Message);
            throw new EventLogUnavailableException(exception.Message, exception);
        }
    }
}
