using System.ComponentModel.DataAnnotations;

namespace CineMatch.Streaming.Kafka.Hosting;

/// <summary>How often the completed prefix of a partition is committed to the consumer group.</summary>
public sealed class KafkaCheckpointOptions
{
    [Range(typeof(TimeSpan), "00:00:00", "10675199.02:48:05.4775807", ErrorMessage = "CheckpointInterval must not be negative (zero commits on every completed batch).")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);
}
