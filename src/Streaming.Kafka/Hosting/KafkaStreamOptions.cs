using Confluent.Kafka;

namespace CineMatch.Streaming.Kafka.Hosting;

// One options class per concern, registered by provider name like Orleans' built-in providers
// (services.AddOptions<T>(name)); each has a validator that runs when the silo or client starts.

/// <summary>How to reach the brokers. Everything librdkafka understands can be passed through.</summary>
public sealed class KafkaConnectionOptions
{
    /// <summary>Comma-separated <c>host:port</c> list.</summary>
    public string BootstrapServers { get; set; } = "";

    public SecurityProtocol? SecurityProtocol { get; set; }

    public SaslMechanism? SaslMechanism { get; set; }

    public string? SaslUsername { get; set; }

    public string? SaslPassword { get; set; }

    /// <summary>CA certificate file for TLS (<c>ssl.ca.location</c>).</summary>
    public string? SslCaLocation { get; set; }

    /// <summary>
    /// Any further librdkafka properties (<c>ssl.certificate.location</c>, <c>sasl.oauthbearer.config</c>, ...),
    /// applied last so they win over the typed settings above.
    /// </summary>
    public IDictionary<string, string> Properties { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The settings as a librdkafka configuration, the base of every consumer, producer and admin client.</summary>
    public ClientConfig ToClientConfig()
    {
        var config = new ClientConfig
        {
            BootstrapServers = BootstrapServers,
            SecurityProtocol = SecurityProtocol,
            SaslMechanism = SaslMechanism,
            SaslUsername = SaslUsername,
            SaslPassword = SaslPassword,
            SslCaLocation = SslCaLocation,
        };
        foreach (var (key, value) in Properties)
        {
            config.Set(key, value);
        }

        return config;
    }
}

/// <summary>Where a partition that has no committed offset in the consumer group starts.</summary>
public enum KafkaStartPosition
{
    Earliest,
    Latest,
}

/// <summary>What the receivers read and how they group records into deliveries.</summary>
public sealed class KafkaConsumerOptions
{
    public IList<string> Topics { get; set; } = [];

    /// <summary>The group whose committed offsets the receivers resume from (no group membership is used).</summary>
    public string ConsumerGroup { get; set; } = "";

    /// <summary>At most this many records are taken from a partition per pull.</summary>
    public int PollBatchSize { get; set; } = 500;

    /// <summary>At most this many records of one stream go into one batch container (one delivery to its consumer).</summary>
    public int MaxEventsPerBatch { get; set; } = 100;

    public KafkaStartPosition StartPosition { get; set; } = KafkaStartPosition.Earliest;

    /// <summary>How long a receiver waits for the brokers while it starts (committed offset, assignment).</summary>
    public TimeSpan BrokerTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public const int MaxPollBatchSize = 100_000;
}

/// <summary>The per-partition cache between the receiver and the grains, and the poison-record policy.</summary>
public sealed class KafkaCacheOptions
{
    /// <summary>
    /// Batch containers a partition may hold that are not yet completed by their consumers. When full, the
    /// partition stops reading (back pressure) until consumers catch up.
    /// </summary>
    public int CacheSize { get; set; } = 4096;

    /// <summary>
    /// How many times the pulling agent's whole delivery budget (<c>StreamPullingAgentOptions.MaxEventDeliveryTime</c>,
    /// retried with back-off) may run out for one batch before the batch is set aside in the dead-letter store.
    /// The offset passes a set-aside batch only once the dead letter is durable.
    /// </summary>
    public int MaxDeliveryRounds { get; set; } = 5;
}

/// <summary>How often the completed prefix of a partition is committed to the consumer group.</summary>
public sealed class KafkaCheckpointOptions
{
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>Topic creation at startup (real clusters; the embedded broker creates its topics itself).</summary>
public sealed class KafkaTopicOptions
{
    public bool CreateIfMissing { get; set; }

    public int Partitions { get; set; } = 8;

    public short ReplicationFactor { get; set; } = 3;
}

/// <summary>Consumer-lag reporting.</summary>
public sealed class KafkaMonitoringOptions
{
    /// <summary>Each owned partition's lag is logged this often (even while its consumers are stuck); zero turns the line off.</summary>
    public TimeSpan LagLogInterval { get; set; } = TimeSpan.FromSeconds(30);
}
