using CineMatch.Catalog;
using CineMatch.Events;
using CineMatch.Hosting.Catalog;
using CineMatch.Hosting.InMemory;
using CineMatch.Sinks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace CineMatch.Hosting;

public static class StatisticsSiloBuilderExtensions
{
    /// <summary>
    /// What the statistics grains need on every silo: validated options, the in-memory catalog and its
    /// loader. Optional parts (catalog source, history source) default to the embedded ones unless a
    /// provider such as MongoDB registered its own first.
    /// </summary>
    public static ISiloBuilder AddCineMatchStatistics(this ISiloBuilder silo)
    {
        var services = silo.Services;
        services.AddOptions<StatisticsOptions>().BindConfiguration(StatisticsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LiveCatalog>();
        services.TryAddSingleton<IMovieCatalog>(provider => provider.GetRequiredService<LiveCatalog>());
        services.TryAddSingleton<ICatalogSource>(provider =>
            new JsonFileCatalogSource(provider.GetRequiredService<IOptions<CatalogOptions>>().Value.File ?? JsonFileCatalogSource.BundledPath));
        services.TryAddSingleton<IWatchHistorySource, NoWatchHistory>();
        // No ICatalogLookup without a stored catalog: the misses are then simply unknown films.
        services.TryAddSingleton(provider => new CatalogMisses(
            provider.GetRequiredService<LiveCatalog>(),
            provider.GetService<ICatalogLookup>(),
            provider.GetRequiredService<IOptions<CatalogOptions>>().Value.MissRetention,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<CatalogMisses>>()));
        services.AddSingleton<CatalogLoader>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<CatalogLoader>());
        return silo;
    }

    /// <summary>
    /// The in-memory parts of the embedded default: grain storage and the statistics collections, inside
    /// this process. Clustering and streams are left to the caller.
    /// </summary>
    public static ISiloBuilder AddInMemoryStatisticsParts(this ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(StorageNames.Statistics, WithOrleansSerializer);
        silo.AddMemoryGrainStorage(StorageNames.PubSub, WithOrleansSerializer);
        silo.Services.TryAddSingleton<InMemoryStatisticsStore>();
        silo.Services.TryAddSingleton<IUserStatsSink>(provider => provider.GetRequiredService<InMemoryStatisticsStore>());
        silo.Services.TryAddSingleton<IUserAffinitySink>(provider => provider.GetRequiredService<InMemoryStatisticsStore>());
        silo.Services.TryAddSingleton<ITrendsSink>(provider => provider.GetRequiredService<InMemoryStatisticsStore>());
        silo.Services.TryAddSingleton<IRejectedEventSink>(provider => provider.GetRequiredService<InMemoryStatisticsStore>());
        return silo;
    }

    /// <summary>
    /// Orleans' binary serializer instead of the default grain-storage serializer (Newtonsoft JSON with type
    /// names): the copies never leave this process, and serializing a counter's dedup memory as JSON on every
    /// write was most of the silo's processor time in the bench.
    /// </summary>
    private static void WithOrleansSerializer(OptionsBuilder<MemoryGrainStorageOptions> options) =>
        options.Configure<Serializer>((storage, serializer) => storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
}
