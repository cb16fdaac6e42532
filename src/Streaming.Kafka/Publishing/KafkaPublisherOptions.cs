using System.ComponentModel.DataAnnotations;
using Confluent.Kafka;

namespace CineMatch.Streaming.Kafka.Publishing;

/// <summary>How accepted events are written to the log.</summary>
public sealed class KafkaPublisherOptions : IValidatableObject
{
    /// <summary>The topic written to; for a stream provider, the first of its consumer topics unless set.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Publisher Topic is required.")]
    public string? Topic { get; set; }

    /// <summary>
    /// A batch not acknowledged by the brokers (acks=all) within this time fails with
    /// <see cref="KafkaUnavailableException"/>; it is also librdkafka's <c>message.timeout.ms</c>.
    /// </summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Places a key on a partition. Murmur2 is what Java, kafka-python and aiokafka clients use, so a user's
    /// events from the gateway and from the FastAPI backend land on the same partition (one ordered stream).
    /// </summary>
    public Partitioner Partitioner { get; set; } = Partitioner.Murmur2Random;

    /// <summary>How long librdkafka may gather records into one request; small, the gateway waits for the acks.</summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AckTimeout < TimeSpan.FromMilliseconds(100))
        {
            yield return new ValidationResult("Publisher AckTimeout must be at least 100 ms.", [nameof(AckTimeout)]);
        }

        if (Linger < TimeSpan.Zero || Linger >= AckTimeout)
        {
            yield return new ValidationResult("Publisher Linger must be between zero and AckTimeout.", [nameof(Linger)]);
        }
    }
}
