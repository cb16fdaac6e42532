using Microsoft.Extensions.DependencyInjection.Extensions;
using CineMatch.Statistics.MongoDB.History;
using CineMatch.Statistics.MongoDB.Reconcile;
using Microsoft.Extensions.Options;

namespace CineMatch.Hosting.Bootstrap;

public static class BootstrapServiceCollectionExtensions
{
    /// <summary>The bootstrap (and the store it reads), for a silo on MongoDB; <c>Bootstrap:Enabled=false</c> turns it off.</summary>
    public static IServiceCollection AddHistoryBootstrap(this IServiceCollection services)
    {
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new MongoReconcileStore(provider.GetRequiredService<IOptions<MongoDBHistoryOptions>>().Value.GetDatabase()));
        services.AddHostedService<HistoryBootstrapService>();
        return services;
    }
}
