namespace CineMatch.Streaming.Kafka.DataAdapter;

/// <summary>
/// A record the provider set aside instead of delivering: rejected by the data adapter, or its batch failed
/// every delivery round. Its offset is committed only after the sink took it, so nothing is dropped silently.
/// </summary>
public sealed record KafkaDeadLetter(KafkaRecord Record, string Reason, DateTimeOffset Time);
