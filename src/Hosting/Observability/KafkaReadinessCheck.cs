using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CineMatch.Hosting.Observability;

/// <summary>
/// The broker answers a metadata request. A new client each time: one kept open would go on talking to the
/// brokers it learned about, and say nothing of whether the configured bootstrap address still answers.
/// </summary>
public sealed class KafkaReadinessCheck(DeploymentSettings settings) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            var config = new AdminClientConfig(settings.KafkaProperties) { BootstrapServers = settings.KafkaBootstrapServers };
            try
            {
                // librdkafka's own log would print every refused connection while the broker is away.
                using var admin = new AdminClientBuilder(config).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
                var metadata = admin.GetMetadata(Timeout);
                return metadata.Brokers.Count > 0
                    ? HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s)")
                    : HealthCheckResult.Unhealthy("no broker in the metadata");
            }
            catch (KafkaException ex)
            {
                return HealthCheckResult.Unhealthy($"no answer from {settings.KafkaBootstrapServers}: {ex.Error.Reason}");
            }
        }, cancellationToken);
}
