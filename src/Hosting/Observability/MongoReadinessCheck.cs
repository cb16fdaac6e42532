using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Hosting.Observability;

/// <summary>MongoDB answers a ping within a few seconds.</summary>
public sealed class MongoReadinessCheck(IMongoDatabase database) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is MongoException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The message names the server, never the connection string (it may hold a password).
            return HealthCheckResult.Unhealthy($"MongoDB did not answer a ping: {ex.GetType().Name}");
        }
    }

    /// <summary>A client that gives up selecting a server as soon as the check would.</summary>
    public static IMongoDatabase Connect(DeploymentSettings settings)
    {
        var client = MongoClientSettings.FromConnectionString(settings.MongoConnectionString);
        client.ServerSelectionTimeout = Timeout;
        client.ConnectTimeout = Timeout;
        return new MongoClient(client).GetDatabase(settings.MongoDatabase);
    }
}
