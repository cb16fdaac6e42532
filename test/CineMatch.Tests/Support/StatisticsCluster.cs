using CineMatch.Catalog;
using CineMatch.Events;
using CineMatch.Hosting.Catalog;
using CineMatch.Hosting.InMemory;
using CineMatch.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CineMatch.Tests.Support;

/// <summary>A one-silo test cluster with the embedded in-memory parts and the real grains.</summary>
public sealed class StatisticsCluster : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;

    private StatisticsCluster(InProcessTestCluster cluster) => _cluster = cluster;

    public IClusterClient Client => _cluster.Client;

    public IServiceProvider SiloServices => _cluster.GetSiloServiceProvider(_cluster.Silos[0].SiloAddress);

    public InMemoryStatisticsStore Store => SiloServices.GetRequiredService<InMemoryStatisticsStore>();

    /// <summary>Ends the grain's activation (its state stays in storage): the next call meets a fresh one, as after a failover.</summary>
    public Task DeactivateAsync(IAddressable grain) => _cluster.DeactivateAsync(grain);

    public static async Task<StatisticsCluster> StartAsync(IReadOnlyList<CatalogMovie>? catalog = null, Action<StatisticsOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddCineMatchStatistics();
            silo.AddInMemoryStatisticsParts();
            silo.AddMemoryStreams(StreamNames.Provider);
            if (catalog is not null)
            {
                silo.Services.AddSingleton<ICatalogSource>(new LoadedCatalogSource(catalog));
            }

            if (configure is not null)
            {
                silo.Services.Configure(configure);
            }

            services?.Invoke(silo.Services);
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(StreamNames.Provider));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new StatisticsCluster(cluster);
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }
}
