using System.Net;
using CineMatch.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MongoDB.Driver;

namespace CineMatch.Tests.MongoDB;

/// <summary>
/// A started silo switched to MongoDB with <c>UseMongoDB</c> (catalog, grain state, clustering, sinks and history
/// all in <paramref name="database"/>), its events given by the test, not read from Kafka.
/// </summary>
internal static class MongoSilo
{
    /// <param name="settings">Configuration on top of the defaults, e.g. <c>Bootstrap:Enabled</c>.</param>
    public static async Task<IHost> StartAsync(MongoServer server, IMongoDatabase database, string clusterId, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => SiloHosting.ConfigureSilo(silo, new DeploymentSettings
        {
            MongoConnectionString = server.ConnectionString,
            MongoDatabase = database.DatabaseNamespace.DatabaseName,
            ClusterId = clusterId,
            EventLog = EventLogKind.Memory,
            SiloPort = SiloHosting.FreePort(),
            GatewayPort = SiloHosting.FreePort(),
            AdvertisedIP = IPAddress.Loopback.ToString(),
        }));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
