namespace CineMatch.Streaming.Kafka.DataAdapter;

/// <summary>One header of a Kafka record. Keys may repeat; the last one with a key is the one that counts.</summary>
public readonly record struct KafkaHeader(string Key, byte[] Value);
