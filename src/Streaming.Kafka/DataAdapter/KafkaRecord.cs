namespace CineMatch.Streaming.Kafka.DataAdapter;

/// <summary>A record as read from a partition, before the application's data adapter interprets it.</summary>
public readonly record struct KafkaRecord(
    string Topic, int Partition, long Offset, byte[]? Key, byte[]? Value, DateTimeOffset Timestamp, IReadOnlyList<KafkaHeader>? Headers = null)
{
    /// <summary>The value of the record's last header named <paramref name="key"/> (Kafka allows repeats), or null.</summary>
    public byte[]? Header(string key) => Headers?.LastOrDefault(header => header.Key == key).Value;
}
