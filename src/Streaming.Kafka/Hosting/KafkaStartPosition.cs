namespace CineMatch.Streaming.Kafka.Hosting;

/// <summary>Where a partition that has no committed offset in the consumer group starts.</summary>
public enum KafkaStartPosition
{
    Earliest,
    Latest,
}
