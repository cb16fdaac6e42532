using CineMatch.Hosting;
using CineMatch.Persistence.MongoDB.Clustering;
using Orleans.Configuration;

namespace CineMatch.Silo.Commands;

/// <summary>An Orleans client of the cluster found in MongoDB's membership table, as the gateway connects; null when no silo answers.</summary>
public sealed partial class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterConnection(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ClusterConnection?> TryConnectAsync(DeploymentSettings settings, TimeSpan timeout, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(settings.ConfigureCluster);
            client.UseMongoDBClustering(settings.ConfigureMongoConnection);
            // One attempt: no silo within the timeout means no running cluster, and reconcile writes documents only.
            client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
        });
        var host = builder.Build();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await host.StartAsync(deadline.Token);
            LogConnected(logger, settings.ClusterId);
            return new ClusterConnection(host);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogNoCluster(logger, settings.ClusterId, ex.Message);
            host.Dispose();
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    [LoggerMessage(EventId = 6501, Level = LogLevel.Information, Message = "Connected to cluster {ClusterId}: drifted users will resync from movies")]
    private static partial void LogConnected(ILogger logger, string clusterId);

    [LoggerMessage(EventId = 6502, Level = LogLevel.Warning, Message = "No running cluster {ClusterId} ({Reason}): documents are written only")]
    private static partial void LogNoCluster(ILogger logger, string clusterId, string reason);
}
