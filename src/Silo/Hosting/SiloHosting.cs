using CineMatch.Api.Hosting;
using System.Net;
using System.Net.Sockets;
using CineMatch.Events;
using CineMatch.Persistence.MongoDB;
using CineMatch.Persistence.MongoDB.Storage;
using Orleans.Configuration;

namespace CineMatch.Silo.Hosting;

/// <summary>How this process's silo is put together, shared by the server and the commands.</summary>
public static class SiloHosting
{
    /// <summary>
    /// The silo for the given servers: MongoDB for storage, membership, sinks, catalog and history when a
    /// connection string is set; otherwise one silo on loopback with every part in memory.
    /// </summary>
    public static void ConfigureSilo(ISiloBuilder silo, DeploymentSettings settings)
    {
        silo.AddCineMatchStatistics();
        if (settings.UsesMongoDB)
        {
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = settings.ClusterId;
                cluster.ServiceId = settings.ClusterId;
            });
            if (settings.AdvertisedIP is { } advertised)
            {
                silo.ConfigureEndpoints(IPAddress.Parse(advertised), settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
            }
            else
            {
                silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
            }

            silo.UseMongoDB(settings.MongoConnectionString!, settings.MongoDatabase);
            silo.AddMongoDBGrainStorage(StorageNames.PubSub, options =>
            {
                options.ConnectionString = settings.MongoConnectionString;
                options.DatabaseName = settings.MongoDatabase;
            });
        }
        else
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
            silo.AddInMemoryStatisticsParts();
        }

        silo.AddMemoryStreams(StreamNames.Provider);
    }

    /// <summary>The embedded default on the given ports: everything in memory.</summary>
    public static void ConfigureEmbeddedSilo(ISiloBuilder silo, int siloPort = 11111, int gatewayPort = 30000) =>
        ConfigureSilo(silo, new DeploymentSettings { SiloPort = siloPort, GatewayPort = gatewayPort });

    /// <summary>A free loopback port, for silos that must not collide with a running server.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
