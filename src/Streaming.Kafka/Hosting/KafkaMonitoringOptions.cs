using System.ComponentModel.DataAnnotations;

namespace CineMatch.Streaming.Kafka.Hosting;

/// <summary>Consumer-lag reporting.</summary>
public sealed class KafkaMonitoringOptions
{
    /// <summary>Each owned partition's lag is logged this often (even while its consumers are stuck); zero turns the line off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "10675199.02:48:05.4775807", ErrorMessage = "LagLogInterval must not be negative (zero turns the lag log line off).")]
    public TimeSpan LagLogInterval { get; set; } = TimeSpan.FromSeconds(30);
}
