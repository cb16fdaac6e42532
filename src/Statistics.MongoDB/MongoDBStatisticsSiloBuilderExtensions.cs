using CineMatch.Catalog;
using CineMatch.Events;
using CineMatch.Persistence.MongoDB;
using CineMatch.Statistics.MongoDB.Catalog;
using CineMatch.Persistence.MongoDB.Clustering;
using CineMatch.Statistics.MongoDB.History;
using CineMatch.Statistics.MongoDB.Sinks;
using CineMatch.Persistence.MongoDB.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Hosting;

namespace CineMatch.Statistics.MongoDB;

public static class MongoDBStatisticsSiloBuilderExtensions
{
    /// <summary>The grain storage name the CineMatch grains ask for.</summary>
    public const string GrainStorageName = StorageNames.Statistics;

    /// <summary>
    /// Everything in MongoDB: grain storage (default and "cinematch"), clustering, the statistics sinks,
    /// the catalog source and the history that seeds new users. Replaces the in-memory registrations in either order.
    /// </summary>
    public static ISiloBuilder UseMongoDB(this ISiloBuilder builder, string connectionString, string databaseName = CineMatchDatabaseOptions.DefaultDatabaseName)
    {
        void Connect(MongoDBConnectionOptions options)
        {
            options.ConnectionString = connectionString;
            options.DatabaseName = databaseName;
        }

        return builder
            .AddMongoDBGrainStorageAsDefault(Connect)
            .AddMongoDBGrainStorage(GrainStorageName, Connect)
            .UseMongoDBClustering(Connect)
            .ConfigureServices(services => services
                .AddMongoDBStatisticsSinks(Connect)
                .AddMongoDBCatalog(Connect)
                .AddMongoDBWatchHistory(Connect));
    }

    /// <summary>
    /// The catalog comes from <c>movies_catalog</c>. The host's catalog loader owns the in-memory index: it loads
    /// from the registered <see cref="ICatalogSource"/> at start and again on its own refresh interval; a film that
    /// misses it is looked up in the collection (<see cref="ICatalogLookup"/>).
    /// </summary>
    public static IServiceCollection AddMongoDBCatalog(this IServiceCollection services, Action<MongoDBCatalogOptions> configure)
    {
        services.AddValidatedMongoDBOptions(Options.DefaultName, configure);
        services.TryAddSingleton<MongoCatalogSource>();
        services.Replace(ServiceDescriptor.Singleton<ICatalogSource>(provider => provider.GetRequiredService<MongoCatalogSource>()));
        services.Replace(ServiceDescriptor.Singleton<ICatalogLookup>(provider => provider.GetRequiredService<MongoCatalogSource>()));
        return services;
    }

    /// <summary>New users are seeded from the backend's <c>movies</c> collection.</summary>
    public static IServiceCollection AddMongoDBWatchHistory(this IServiceCollection services, Action<MongoDBHistoryOptions> configure)
    {
        services.AddValidatedMongoDBOptions(Options.DefaultName, configure);
        services.Replace(ServiceDescriptor.Singleton<IWatchHistorySource, MongoWatchHistorySource>());
        return services;
    }
}
