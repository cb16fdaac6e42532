using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime.Hosting;

namespace CineMatch.Persistence.MongoDB.Storage;

public static class MongoDBGrainStorageExtensions
{
    /// <summary>Adds a MongoDB grain storage provider under <paramref name="name"/>.</summary>
    public static ISiloBuilder AddMongoDBGrainStorage(this ISiloBuilder builder, string name, Action<MongoDBGrainStorageOptions> configure) =>
        builder.ConfigureServices(services => services.AddMongoDBGrainStorage(name, configure));

    /// <summary>Adds the MongoDB grain storage provider that grains without a named provider use.</summary>
    public static ISiloBuilder AddMongoDBGrainStorageAsDefault(this ISiloBuilder builder, Action<MongoDBGrainStorageOptions> configure) =>
        builder.AddMongoDBGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    public static IServiceCollection AddMongoDBGrainStorage(this IServiceCollection services, string name, Action<MongoDBGrainStorageOptions> configure)
    {
        services.AddValidatedMongoDBOptions(name, configure);
        return services.AddGrainStorage(name, static (provider, providerName) => new MongoGrainStorage(
            providerName,
            provider.GetOptionsByName<MongoDBGrainStorageOptions>(providerName),
            provider.GetRequiredService<ILogger<MongoGrainStorage>>()));
    }
}
