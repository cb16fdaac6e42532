namespace CineMatch.Streaming.Kafka.Publishing;

/// <summary>The brokers did not acknowledge a whole batch in time, or refused it: nothing of it may be assumed written.</summary>
public sealed class KafkaUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
