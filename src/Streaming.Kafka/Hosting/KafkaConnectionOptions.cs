using System.ComponentModel.DataAnnotations;
using Confluent.Kafka;

namespace CineMatch.Streaming.Kafka.Hosting;

/// <summary>How to reach the brokers. Everything librdkafka understands can be passed through.</summary>
public sealed class KafkaConnectionOptions : IValidatableObject
{
    /// <summary>Comma-separated <c>host:port</c> list.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "BootstrapServers is required (host:port[,host:port...]).")]
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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SaslMechanism is Confluent.Kafka.SaslMechanism.Plain or Confluent.Kafka.SaslMechanism.ScramSha256 or Confluent.Kafka.SaslMechanism.ScramSha512
            && string.IsNullOrEmpty(SaslUsername))
        {
            yield return new ValidationResult("SaslMechanism PLAIN/SCRAM needs SaslUsername and SaslPassword.", [nameof(SaslUsername)]);
        }
    }
}
