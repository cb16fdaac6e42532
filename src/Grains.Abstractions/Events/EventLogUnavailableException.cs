namespace CineMatch.Events;

/// <summary>The event log (Kafka) did not acknowledge a batch in time; nothing of the batch may be assumed stored.</summary>
public sealed class EventLogUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
