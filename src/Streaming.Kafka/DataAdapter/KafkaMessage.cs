namespace CineMatch.Streaming.Kafka.DataAdapter;

/// <summary>What is produced to Kafka for one event written through the Orleans stream: the record's key and value.</summary>
public readonly record struct KafkaMessage(byte[]? Key, byte[] Value);
