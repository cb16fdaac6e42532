using CineMatch.Events;
using CineMatch.Silo.Bench;
using CineMatch.Streaming.Kafka.Embedded;

namespace CineMatch.Silo.Commands;

/// <summary>
/// <c>bench [--events N] [--users U] [--partitions P] [--repeat R]</c>: events per second through the whole path
/// (Kafka → provider → user grains → counters → trends) next to the rate at which one bare Confluent consumer
/// reads the same records from the same embedded broker, in the same run. Every pass is checked against the
/// replay of the same events; exit code 1 when any pass lost or changed something.
/// </summary>
public static class BenchCommand
{
    private static readonly TimeSpan PassTimeout = TimeSpan.FromMinutes(10);

    // The mock broker silently drops the oldest data past ~5 MiB per partition; stay well below.
    private const long MaxBytesPerPartition = 3L << 20;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new CommandLine(args, new HashSet<string> { "--events", "--users", "--partitions", "--repeat" }, new HashSet<string>());
        if (options.Rest.Count > 0)
        {
            throw new UsageException($"bench: unknown argument {options.Rest[0]}");
        }

        var events = options.Number("--events", 100_000, min: 1, max: int.MaxValue);
        var users = options.Number("--users", 10_000, min: 1, max: int.MaxValue);
        var partitions = options.Number("--partitions", 32, min: 1, max: int.MaxValue);
        var repeat = options.Number("--repeat", 3, min: 1, max: int.MaxValue);
        var topic = StreamNames.UserMovieEvents;

        Console.WriteLine($"bench: {events:N0} events, {users:N0} users, {partitions} partitions, {repeat} pass(es), {Environment.ProcessorCount} cores, "
            + $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC");
        var workload = await BenchWorkload.GenerateAsync(events, users);
        if (workload.Bytes / partitions > MaxBytesPerPartition)
        {
            throw new UsageException($"bench: {workload.Bytes / partitions:N0} bytes per partition would overflow the embedded broker's retention; use more --partitions");
        }

        await using var broker = new EmbeddedKafkaBroker();
        broker.CreateTopic(topic, partitions);
        await workload.ProduceAsync(broker.BootstrapServers, topic);
        var highWatermarks = BenchWorkload.HighWatermarks(broker.BootstrapServers, topic, partitions);
        if (highWatermarks.Sum() != events)
        {
            Console.Error.WriteLine($"bench: the broker holds {highWatermarks.Sum():N0} records, {events:N0} were produced");
            return 1;
        }

        Console.WriteLine($"bench: produced {events:N0} records ({workload.Bytes / (double)events:N0} bytes on average), high watermarks sum to {highWatermarks.Sum():N0}");
        var expected = await EndToEndRun.ReplayAsync([.. workload.Records.Select(record => record.Value)]);
        Console.WriteLine($"bench: replay reference: {expected.UserStats.Count:N0} user documents, total_entries {expected.TotalEntries:N0}, total_users {expected.TotalUsers:N0}");

        var passes = new List<(double Raw, EndToEndResult EndToEnd)>();
        var failed = false;
        for (var pass = 1; pass <= repeat; pass++)
        {
            var raw = RawKafkaConsumption.ReadTopic(broker.BootstrapServers, topic, events, PassTimeout);
            if (raw.Records != events)
            {
                Console.Error.WriteLine($"bench: pass {pass}: the raw consumer read {raw.Records:N0} of {events:N0} records");
                return 1;
            }

            var endToEnd = await EndToEndRun.RunAsync(broker.BootstrapServers, topic, highWatermarks, $"bench-{pass}-{Guid.NewGuid():N}", PassTimeout);
            var differences = endToEnd.Outcome.DifferencesFrom(expected);
            failed |= differences.Count > 0;
            passes.Add((raw.RecordsPerSecond, endToEnd));
            Console.WriteLine(
                $"pass {pass}: raw {raw.RecordsPerSecond,9:N0}/s   end-to-end {endToEnd.EventsPerSecond,9:N0}/s ({endToEnd.Events:N0} events in {endToEnd.Window.TotalSeconds:N2} s; "
                + $"{endToEnd.FromStart.TotalSeconds:N2} s from silo start; CPU {endToEnd.Cpu:P0})   ratio {endToEnd.EventsPerSecond / raw.RecordsPerSecond:P1}   "
                + (differences.Count == 0 ? "outcome = replay" : "OUTCOME DIFFERS: " + string.Join("; ", differences)));
        }

        PrintTable(events, users, partitions, passes);
        return failed ? 1 : 0;
    }

    private static void PrintTable(int events, int users, int partitions, IReadOnlyList<(double Raw, EndToEndResult EndToEnd)> passes)
    {
        var raw = Median(passes.Select(p => p.Raw));
        var endToEnd = Median(passes.Select(p => p.EndToEnd.EventsPerSecond));
        var ratio = Median(passes.Select(p => p.EndToEnd.EventsPerSecond / p.Raw));
        Console.WriteLine();
        Console.WriteLine($"| median of {passes.Count} pass(es) | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| raw consume (1 Confluent consumer) | {raw:N0} events/s |");
        Console.WriteLine($"| end to end (silo, real grains) | {endToEnd:N0} events/s |");
        Console.WriteLine($"| ratio end to end / raw | {ratio:P1} |");
        Console.WriteLine($"| events, users, partitions | {events:N0}, {users:N0}, {partitions} |");
        Console.WriteLine($"| machine | {Environment.ProcessorCount} cores, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC |");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
