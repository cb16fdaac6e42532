using System.Diagnostics;
using CineMatch.Hosting.Catalog;
using CineMatch.Hosting.InMemory;
using CineMatch.Hosting;
using CineMatch.Silo.Commands;
using CineMatch.Streaming.Kafka.Monitoring;

namespace CineMatch.Silo.Bench;

public static class EndToEndRun
{
    /// <summary>
    /// Starts a silo configured like the server (Kafka event log on the given brokers, a fresh consumer group,
    /// in-memory storage and collections, the real grains) and times it until the whole topic is processed.
    /// </summary>
    public static async Task<EndToEndResult> RunAsync(string bootstrapServers, string topic, IReadOnlyList<long> highWatermarks, string consumerGroup, TimeSpan timeout)
    {
        var settings = new DeploymentSettings
        {
            EventLog = EventLogKind.Kafka,
            KafkaBootstrapServers = bootstrapServers,
            KafkaTopic = topic,
            KafkaConsumerGroup = consumerGroup,
            KafkaPartitions = highWatermarks.Count,
            SiloPort = SiloHosting.FreePort(),
            GatewayPort = SiloHosting.FreePort(),
        };
        using var host = SiloHosting.BuildSiloHost(silo => SiloHosting.ConfigureSilo(silo, settings));
        var lag = host.Services.GetRequiredService<IKafkaLagMonitor>();

        var fromStart = Stopwatch.StartNew();
        await host.StartAsync();
        var window = Stopwatch.StartNew();
        var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        var doneBeforeWindow = Processed(lag.GetLag());
        while (!Finished(lag.GetLag(), highWatermarks))
        {
            if (fromStart.Elapsed > timeout)
            {
                throw new TimeoutException($"bench: the silo processed {Processed(lag.GetLag())} of {highWatermarks.Sum()} records in {timeout}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(2));
        }

        window.Stop();
        fromStart.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart) / (window.Elapsed * Environment.ProcessorCount);

        var outcome = await OutcomeAsync(host.Services);
        await host.StopAsync();
        return new EndToEndResult(highWatermarks.Sum() - doneBeforeWindow, window.Elapsed, fromStart.Elapsed, cpu, outcome);
    }

    /// <summary>The same records through the replay path (memory streams, direct grain calls): the expected outcome.</summary>
    public static async Task<BenchOutcome> ReplayAsync(IReadOnlyList<string> lines)
    {
        using var host = ReplayCommand.BuildHost(await new JsonFileCatalogSource(JsonFileCatalogSource.BundledPath).LoadAsync(CancellationToken.None));
        await host.StartAsync();
        await ReplayCommand.ReplayAsync(host.Services, lines);
        var outcome = await OutcomeAsync(host.Services);
        await host.StopAsync();
        return outcome;
    }

    private static async Task<BenchOutcome> OutcomeAsync(IServiceProvider services)
    {
        var trends = services.GetRequiredService<IGrainFactory>().GetGrain<IGlobalTrendsGrain>(0);
        await trends.FlushAsync();
        return BenchOutcome.Of(services.GetRequiredService<InMemoryStatisticsStore>(), await trends.GetSnapshotAsync());
    }

    private static long Processed(IReadOnlyList<PartitionLag> partitions) => partitions.Sum(p => Math.Max(0, p.Processed));

    private static bool Finished(IReadOnlyList<PartitionLag> partitions, IReadOnlyList<long> highWatermarks) =>
        partitions.Count == highWatermarks.Count && partitions.All(p => p.Processed == highWatermarks[p.Partition]);
}
