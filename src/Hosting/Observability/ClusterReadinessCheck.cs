using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace CineMatch.Hosting.Observability;

/// <summary>The cluster has an active silo that answers (from a silo, itself; from the gateway alone, any).</summary>
public sealed class ClusterReadinessCheck(IGrainFactory grains) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(Timeout, cancellationToken);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s)")
                : HealthCheckResult.Unhealthy("no active silo");
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy($"cluster membership unknown: {ex.GetType().Name}");
        }
    }
}
