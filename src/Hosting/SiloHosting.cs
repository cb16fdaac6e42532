using System.Net;
using System.Net.Sockets;
using CineMatch.Events;
using CineMatch.Hosting.Bootstrap;
using CineMatch.Persistence.MongoDB;
using CineMatch.Persistence.MongoDB.Storage;
using CineMatch.Statistics.MongoDB;
using CineMatch.Hosting.Kafka;
using CineMatch.Streaming.Kafka.Embedded;
using CineMatch.Streaming.Kafka.Hosting;
using Orleans.Configuration;

namespace CineMatch.Hosting;

/// <summary>How this process's silo is put together, shared by the server and the commands.</summary>
public static class SiloHosting
{
    /// <summary>Configuration section bound to Orleans' <see cref="ClusterMembershipOptions"/> (failure detection).</summary>
    public const string MembershipSection = "Orleans:Membership";

    /// <summary>
    /// The silo for the given servers: MongoDB for storage, membership, sinks, catalog and history when a
    /// connection string is set, otherwise one silo on loopback with every part in memory; events from
    /// Kafka, or from memory streams.
    /// </summary>
    public static void ConfigureSilo(ISiloBuilder silo, DeploymentSettings settings)
    {
        silo.AddCineMatchStatistics();
        // How fast a silo that vanished is declared dead (ProbeTimeout, NumMissedProbesLimit, ...); Orleans' defaults unless set.
        silo.Services.AddOptions<ClusterMembershipOptions>().BindConfiguration(MembershipSection);
        if (settings.UsesMongoDB)
        {
            silo.Configure<ClusterOptions>(settings.ConfigureCluster);
            if (settings.AdvertisedIP is { } advertised)
            {
                silo.ConfigureEndpoints(IPAddress.Parse(advertised), settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
            }
            else
            {
                silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
            }

            silo.UseKubernetesHostingWhenEnabled();
            silo.UseMongoDB(settings.MongoConnectionString!, settings.MongoDatabase);
            silo.AddMongoDBGrainStorage(StorageNames.PubSub, settings.ConfigureMongoConnection);
            silo.Services.AddHistoryBootstrap();
        }
        else
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
            silo.AddInMemoryStatisticsParts();
        }

        if (settings.EventLog == EventLogKind.Kafka)
        {
            silo.AddKafkaStreams(StreamNames.Provider, kafka => kafka
                .UseMovieEvents()
                .ConfigureConnection(settings.ConfigureKafkaConnection)
                .ConfigureConsumer(consumer =>
                {
                    consumer.Topics = [settings.KafkaTopic];
                    consumer.ConsumerGroup = settings.KafkaConsumerGroup;
                    // Under a backlog a bigger pull puts more of one user's events into one delivery (one state
                    // write, one recompute, one outbox round); when caught up a pull only takes what is fetched.
                    // Measured with the bench: 500 -> 4,000 doubled events/s (README, Performance).
                    consumer.PollBatchSize = 4_000;
                })
                .ConfigureTopics(topics =>
                {
                    // The embedded broker has no admin API; its topic is made when the broker starts.
                    topics.CreateIfMissing = !settings.UsesEmbeddedKafka;
                    topics.Partitions = settings.KafkaPartitions;
                }));
        }
        else
        {
            silo.AddMemoryStreams(StreamNames.Provider);
        }
    }

    /// <summary>
    /// When the settings ask for Kafka but name no brokers, starts a broker inside this process that lives as
    /// long as the host, and points <c>Kafka:BootstrapServers</c> at it so the settings and the bound options agree.
    /// </summary>
    public static void AddEmbeddedKafkaWhenNoBrokers(this IHostApplicationBuilder builder, DeploymentSettings settings)
    {
        if (!settings.UsesEmbeddedKafka)
        {
            return;
        }

        var broker = new EmbeddedKafkaBroker();
        broker.CreateTopic(settings.KafkaTopic, settings.KafkaPartitions);
        // Disposed with the host, after the silo and the publisher have stopped.
        builder.Services.AddSingleton(broker);
        builder.Configuration[DeploymentSettings.KafkaBootstrapServersKey] = broker.BootstrapServers;
        settings.KafkaBootstrapServers = broker.BootstrapServers;
    }

    /// <summary>Everything in this process and in memory, memory streams included: the replay command's silo.</summary>
    public static void ConfigureInMemorySilo(ISiloBuilder silo, int siloPort, int gatewayPort) =>
        ConfigureSilo(silo, new DeploymentSettings { EventLog = EventLogKind.Memory, SiloPort = siloPort, GatewayPort = gatewayPort });

    /// <summary>A host with a silo and nothing else, logging only warnings: for the commands and the bench.</summary>
    public static IHost BuildSiloHost(Action<ISiloBuilder> configureSilo, Action<IServiceCollection>? configureServices = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Error);
        configureServices?.Invoke(builder.Services);
        builder.UseOrleans(configureSilo);
        return builder.Build();
    }

    /// <summary>A free loopback port, for silos that must not collide with a running server.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
