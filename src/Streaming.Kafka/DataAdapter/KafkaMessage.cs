namespace CineMatch.Streaming.Kafka.DataAdapter;

/// <summary>
/// What is produced to Kafka for one event written through the Orleans stream: the record's key, value and
/// headers. The writer adds the W3C trace context of the current activity unless the headers already carry one.
/// </summary>
public readonly record struct KafkaMessage(byte[]? Key, byte[] Value, IReadOnlyList<KafkaHeader>? Headers = null);
