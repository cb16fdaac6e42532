using System.ComponentModel.DataAnnotations;

namespace CineMatch.Streaming.Kafka.Hosting;

/// <summary>What the receivers read and how they group records into deliveries.</summary>
public sealed class KafkaConsumerOptions : IValidatableObject
{
    public const int MaxPollBatchSize = 100_000;

    [MinLength(1, ErrorMessage = "Topics must name at least one topic, and no empty name.")]
    public IList<string> Topics { get; set; } = [];

    /// <summary>The group whose committed offsets the receivers resume from (no group membership is used).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "ConsumerGroup is required: committed offsets are stored under it.")]
    public string ConsumerGroup { get; set; } = "";

    /// <summary>At most this many records are taken from a partition per pull.</summary>
    [Range(1, MaxPollBatchSize, ErrorMessage = "PollBatchSize must be between {1} and {2}.")]
    public int PollBatchSize { get; set; } = 500;

    /// <summary>At most this many records of one stream go into one batch container (one delivery to its consumer).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "MaxEventsPerBatch must be at least 1.")]
    public int MaxEventsPerBatch { get; set; } = 100;

    public KafkaStartPosition StartPosition { get; set; } = KafkaStartPosition.Earliest;

    /// <summary>How long a receiver waits for the brokers while it starts (committed offset, assignment).</summary>
    [Range(typeof(TimeSpan), "00:00:00.0000001", "10675199.02:48:05.4775807", ErrorMessage = "BrokerTimeout must be positive.")]
    public TimeSpan BrokerTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Runs only once the attributes above hold (DataAnnotations' order), so Topics is not empty here.
        if (Topics.Any(string.IsNullOrWhiteSpace))
        {
            yield return new ValidationResult("Topics must name at least one topic, and no empty name.", [nameof(Topics)]);
        }
        else if (Topics.Distinct(StringComparer.Ordinal).Count() != Topics.Count)
        {
            yield return new ValidationResult("Topics must not repeat a topic.", [nameof(Topics)]);
        }
    }
}
