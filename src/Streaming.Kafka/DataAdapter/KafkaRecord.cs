namespace CineMatch.Streaming.Kafka.DataAdapter;

/// <summary>A record as read from a partition, before the application's data adapter interprets it.</summary>
public readonly record struct KafkaRecord(string Topic, int Partition, long Offset, byte[]? Key, byte[]? Value, DateTimeOffset Timestamp);
