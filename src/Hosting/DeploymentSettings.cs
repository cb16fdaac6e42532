using Microsoft.Extensions.Configuration;

namespace CineMatch.Hosting;

/// <summary>How events travel from the gateway to the grains.</summary>
public enum EventLog
{
    /// <summary>Kafka: the brokers named in configuration, or a broker embedded in this process.</summary>
    Kafka,

    /// <summary>Orleans memory streams: no broker at all, nothing survives the process.</summary>
    Memory,
}

/// <summary>
/// Which servers this process uses, read from configuration. With nothing set, everything runs in this
/// process: an embedded Kafka broker and in-memory storage (the embedded default).
/// </summary>
public sealed record DeploymentSettings
{
    public const string DefaultClusterId = "cinematch";

    public string? MongoConnectionString { get; init; }

    public string MongoDatabase { get; init; } = "cinematch_db";

    public EventLog EventLog { get; init; } = EventLog.Kafka;

    /// <summary>Brokers to use; none means an embedded broker (with the Kafka event log).</summary>
    public string? KafkaBootstrapServers { get; init; }

    public string KafkaTopic { get; init; } = "user-movie-events";

    public string KafkaConsumerGroup { get; init; } = "cinematch-stats";

    /// <summary>Partitions of the topic when this process creates it (embedded broker, or a real one without the topic).</summary>
    public int KafkaPartitions { get; init; } = 8;

    /// <summary>librdkafka settings passed through as they are (<c>security.protocol</c>, <c>sasl.*</c>, <c>ssl.*</c>).</summary>
    public IReadOnlyDictionary<string, string> KafkaProperties { get; init; } = new Dictionary<string, string>();

    public string ClusterId { get; init; } = DefaultClusterId;

    public int SiloPort { get; init; } = 11111;

    public int GatewayPort { get; init; } = 30000;

    /// <summary>The address other silos and clients reach this one at (a pod IP); by default the host's own.</summary>
    public string? AdvertisedIP { get; init; }

    public bool UsesMongoDB => !string.IsNullOrWhiteSpace(MongoConnectionString);

    public bool UsesEmbeddedKafka => EventLog == EventLog.Kafka && string.IsNullOrWhiteSpace(KafkaBootstrapServers);

    /// <summary>
    /// <c>Mongo:ConnectionString</c> (or <c>CINEMATCH_MONGO</c>), <c>Mongo:Database</c>, <c>EventLog</c>,
    /// <c>Kafka:BootstrapServers</c> (or <c>CINEMATCH_KAFKA</c>), <c>Kafka:Topic</c>, <c>Kafka:ConsumerGroup</c>,
    /// <c>Kafka:Partitions</c>, <c>Kafka:Properties:*</c>, <c>Orleans:ClusterId</c>, <c>Silo:Port</c>,
    /// <c>Silo:GatewayPort</c>, <c>Silo:AdvertisedIP</c>.
    /// </summary>
    public static DeploymentSettings From(IConfiguration configuration) => new()
    {
        MongoConnectionString = configuration["Mongo:ConnectionString"] ?? configuration["CINEMATCH_MONGO"],
        MongoDatabase = configuration["Mongo:Database"] ?? "cinematch_db",
        EventLog = configuration.GetValue("EventLog", EventLog.Kafka),
        KafkaBootstrapServers = configuration["Kafka:BootstrapServers"] ?? configuration["CINEMATCH_KAFKA"],
        KafkaTopic = configuration["Kafka:Topic"] ?? "user-movie-events",
        KafkaConsumerGroup = configuration["Kafka:ConsumerGroup"] ?? "cinematch-stats",
        KafkaPartitions = configuration.GetValue("Kafka:Partitions", 8),
        KafkaProperties = configuration.GetSection("Kafka:Properties").GetChildren()
            .Where(setting => setting.Value is not null)
            .ToDictionary(setting => setting.Key, setting => setting.Value!),
        ClusterId = configuration["Orleans:ClusterId"] ?? DefaultClusterId,
        SiloPort = configuration.GetValue("Silo:Port", 11111),
        GatewayPort = configuration.GetValue("Silo:GatewayPort", 30000),
        AdvertisedIP = configuration["Silo:AdvertisedIP"],
    };

    /// <summary>Connection settings for every Kafka client of this process.</summary>
    public void ConfigureKafkaConnection(CineMatch.Streaming.Kafka.Hosting.KafkaConnectionOptions connection)
    {
        connection.BootstrapServers = KafkaBootstrapServers ?? throw new InvalidOperationException("no Kafka brokers configured");
        foreach (var (key, value) in KafkaProperties)
        {
            connection.Properties[key] = value;
        }
    }
}
