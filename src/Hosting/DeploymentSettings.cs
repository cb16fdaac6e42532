using System.ComponentModel.DataAnnotations;
using System.Net;
using CineMatch.Events;
using CineMatch.Persistence.MongoDB;
using CineMatch.Statistics.MongoDB;
using CineMatch.Streaming.Kafka.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace CineMatch.Hosting;

/// <summary>
/// Which servers this process uses, bound from the root of the configuration (each property names its key).
/// With nothing set, everything runs in this process: an embedded Kafka broker and in-memory storage (the
/// embedded default).
/// </summary>
public sealed class DeploymentSettings : IValidatableObject
{
    public const string DefaultClusterId = "cinematch";

    public const string DefaultDatabase = CineMatchDatabaseOptions.DefaultDatabaseName;

    public const string DefaultTopic = StreamNames.UserMovieEvents;

    public const string DefaultConsumerGroup = "cinematch-stats";

    public const string KafkaBootstrapServersKey = "Kafka:BootstrapServers";

    private string? _mongoConnectionString;
    private string? _kafkaBootstrapServers;

    /// <summary><c>Mongo:ConnectionString</c>, else <c>CINEMATCH_MONGO</c>; none keeps every part in memory.</summary>
    [ConfigurationKeyName("Mongo:ConnectionString")]
    public string? MongoConnectionString
    {
        get => _mongoConnectionString ?? MongoVariable;
        set => _mongoConnectionString = value;
    }

    /// <summary>The <c>CINEMATCH_MONGO</c> environment variable, the short form of <c>Mongo:ConnectionString</c>.</summary>
    [ConfigurationKeyName("CINEMATCH_MONGO")]
    public string? MongoVariable { get; set; }

    [ConfigurationKeyName("Mongo:Database")]
    [Required(AllowEmptyStrings = false, ErrorMessage = "Mongo:Database is empty: name the database, or leave it unset for " + DefaultDatabase)]
    public string MongoDatabase { get; set; } = DefaultDatabase;

    /// <summary><c>EventLog</c>: <c>Kafka</c> or <c>Memory</c>.</summary>
    [EnumDataType(typeof(EventLogKind), ErrorMessage = "EventLog must be Kafka or Memory")]
    public EventLogKind EventLog { get; set; } = EventLogKind.Kafka;

    /// <summary><c>Kafka:BootstrapServers</c>, else <c>CINEMATCH_KAFKA</c>; none means an embedded broker (with the Kafka event log).</summary>
    [ConfigurationKeyName(KafkaBootstrapServersKey)]
    public string? KafkaBootstrapServers
    {
        get => _kafkaBootstrapServers ?? KafkaVariable;
        set => _kafkaBootstrapServers = value;
    }

    /// <summary>The <c>CINEMATCH_KAFKA</c> environment variable, the short form of <c>Kafka:BootstrapServers</c>.</summary>
    [ConfigurationKeyName("CINEMATCH_KAFKA")]
    public string? KafkaVariable { get; set; }

    [ConfigurationKeyName("Kafka:Topic")]
    [Required(AllowEmptyStrings = false, ErrorMessage = "Kafka:Topic is empty: name the topic, or leave it unset for " + DefaultTopic)]
    public string KafkaTopic { get; set; } = DefaultTopic;

    [ConfigurationKeyName("Kafka:ConsumerGroup")]
    [Required(AllowEmptyStrings = false, ErrorMessage = "Kafka:ConsumerGroup is empty: name the group, or leave it unset for " + DefaultConsumerGroup)]
    public string KafkaConsumerGroup { get; set; } = DefaultConsumerGroup;

    /// <summary>Partitions of the topic when this process creates it (embedded broker, or a real one without the topic).</summary>
    [ConfigurationKeyName("Kafka:Partitions")]
    [Range(1, 100_000, ErrorMessage = "Kafka:Partitions must be between {1} and {2}")]
    public int KafkaPartitions { get; set; } = 8;

    /// <summary><c>Kafka:Properties:*</c>: librdkafka settings passed through as they are (<c>security.protocol</c>, <c>sasl.*</c>, <c>ssl.*</c>).</summary>
    [ConfigurationKeyName("Kafka:Properties")]
    public Dictionary<string, string> KafkaProperties { get; set; } = [];

    [ConfigurationKeyName("Orleans:ClusterId")]
    [Required(AllowEmptyStrings = false, ErrorMessage = "Orleans:ClusterId is empty: name the cluster, or leave it unset for " + DefaultClusterId)]
    public string ClusterId { get; set; } = DefaultClusterId;

    [ConfigurationKeyName("Silo:Port")]
    [Range(1, IPEndPoint.MaxPort, ErrorMessage = "Silo:Port must be a port between {1} and {2}")]
    public int SiloPort { get; set; } = 11111;

    [ConfigurationKeyName("Silo:GatewayPort")]
    [Range(1, IPEndPoint.MaxPort, ErrorMessage = "Silo:GatewayPort must be a port between {1} and {2}")]
    public int GatewayPort { get; set; } = 30000;

    /// <summary><c>Silo:AdvertisedIP</c>: the address other silos and clients reach this one at (a pod IP); by default the host's own.</summary>
    [ConfigurationKeyName("Silo:AdvertisedIP")]
    public string? AdvertisedIP { get; set; }

    public bool UsesMongoDB => !string.IsNullOrWhiteSpace(MongoConnectionString);

    public bool UsesEmbeddedKafka => EventLog == EventLogKind.Kafka && string.IsNullOrWhiteSpace(KafkaBootstrapServers);

    /// <summary>
    /// The settings bound from <paramref name="configuration"/> and validated as the options are at start: for
    /// the choices made before a host exists (which silo to build). Throws when a setting is invalid.
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is invalid; the message names its key.</exception>
    public static DeploymentSettings Bind(IConfiguration configuration)
    {
        var settings = configuration.Get<DeploymentSettings>() ?? new DeploymentSettings();
        var failures = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), failures, validateAllProperties: true))
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(DeploymentSettings), failures.Select(failure => failure.ErrorMessage ?? "invalid setting"));
        }

        return settings;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AdvertisedIP is { } advertised && !IPAddress.TryParse(advertised, out _))
        {
            yield return new ValidationResult($"Silo:AdvertisedIP '{advertised}' is not an IP address: set the address other silos reach this one at, or leave it unset", [nameof(AdvertisedIP)]);
        }

        if (SiloPort == GatewayPort)
        {
            yield return new ValidationResult($"Silo:Port and Silo:GatewayPort are both {SiloPort}: give the gateway a port of its own", [nameof(SiloPort), nameof(GatewayPort)]);
        }
    }

    /// <summary>Connection settings for every Kafka client of this process.</summary>
    public void ConfigureKafkaConnection(KafkaConnectionOptions connection)
    {
        connection.BootstrapServers = KafkaBootstrapServers ?? throw new InvalidOperationException("no Kafka brokers configured");
        foreach (var (key, value) in KafkaProperties)
        {
            connection.Properties[key] = value;
        }
    }

    /// <summary>The cluster silos and clients join: the service is the cluster, one deployment each.</summary>
    public void ConfigureCluster(ClusterOptions cluster)
    {
        cluster.ClusterId = ClusterId;
        cluster.ServiceId = ClusterId;
    }

    /// <summary>Where every MongoDB provider of this process connects.</summary>
    public void ConfigureMongoConnection(MongoDBConnectionOptions connection)
    {
        connection.ConnectionString = MongoConnectionString;
        connection.DatabaseName = MongoDatabase;
    }
}
