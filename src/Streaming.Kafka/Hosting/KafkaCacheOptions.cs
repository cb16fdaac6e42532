using System.ComponentModel.DataAnnotations;

namespace CineMatch.Streaming.Kafka.Hosting;

/// <summary>The per-partition cache between the receiver and the grains, and the poison-record policy.</summary>
public sealed class KafkaCacheOptions
{
    /// <summary>
    /// Batch containers a partition may hold that are not yet completed by their consumers. When full, the
    /// partition stops reading (back pressure) until consumers catch up.
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "CacheSize must be at least 1.")]
    public int CacheSize { get; set; } = 4096;

    /// <summary>
    /// How many times the pulling agent's whole delivery budget (<c>StreamPullingAgentOptions.MaxEventDeliveryTime</c>,
    /// retried with back-off) may run out for one batch before the batch is set aside in the dead-letter store.
    /// The offset passes a set-aside batch only once the dead letter is durable.
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "MaxDeliveryRounds must be at least 1.")]
    public int MaxDeliveryRounds { get; set; } = 5;
}
