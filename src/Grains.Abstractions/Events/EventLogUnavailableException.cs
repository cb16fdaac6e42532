namespace CineMatch.Events;

/// <summary>
/// The event log (Kafka) did not acknowledge a batch within the publisher's bounded time. Nothing in the
/// batch may be assumed durable; the gateway answers 503 so the caller retries later.
/// </summary>
public sealed class EventLogUnavailableException : Exception
{
    public EventLogUnavailableException(string message)
        : base(message)
    {
    }

    public EventLogUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
