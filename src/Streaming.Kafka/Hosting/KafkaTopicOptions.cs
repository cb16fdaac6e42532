using System.ComponentModel.DataAnnotations;

namespace CineMatch.Streaming.Kafka.Hosting;

/// <summary>Topic creation at startup (real clusters; the embedded broker creates its topics itself).</summary>
public sealed class KafkaTopicOptions
{
    public bool CreateIfMissing { get; set; }

    [Range(1, int.MaxValue, ErrorMessage = "Topic Partitions must be at least 1.")]
    public int Partitions { get; set; } = 8;

    [Range(1, short.MaxValue, ErrorMessage = "Topic ReplicationFactor must be at least 1.")]
    public short ReplicationFactor { get; set; } = 3;
}
