using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Hosting;
using Orleans.Messaging;

namespace CineMatch.Persistence.MongoDB.Clustering;

public static class MongoDBClusteringExtensions
{
    /// <summary>Silos keep the cluster's membership table in MongoDB.</summary>
    public static ISiloBuilder UseMongoDBClustering(this ISiloBuilder builder, Action<MongoDBClusteringOptions> configure) =>
        builder.ConfigureServices(services =>
        {
            services.AddValidatedMongoDBOptions(Microsoft.Extensions.Options.Options.DefaultName, configure);
            services.AddSingleton<IMembershipTable, MongoMembershipTable>();
        });

    /// <summary>A client finds the silos' gateways in the same MongoDB collection.</summary>
    public static IClientBuilder UseMongoDBClustering(this IClientBuilder builder, Action<MongoDBClusteringOptions> configure)
    {
        builder.Services.AddValidatedMongoDBOptions(Microsoft.Extensions.Options.Options.DefaultName, configure);
        builder.Services.AddSingleton<IGatewayListProvider, MongoGatewayListProvider>();
        return builder;
    }
}
