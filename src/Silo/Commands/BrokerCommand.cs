using System.Net.Sockets;
using CineMatch.Events;
using CineMatch.Streaming.Kafka.Embedded;

namespace CineMatch.Silo.Commands;

/// <summary>
/// <c>broker [--port 9092] [--partitions 8] [--topic user-movie-events]</c>: the embedded Kafka broker
/// (librdkafka's mock cluster) alone in this process, so that several silo processes share one log
/// (<c>CINEMATCH_KAFKA=127.0.0.1:9092</c>). It prints its address on one line and runs until SIGINT or
/// SIGTERM; the log lives in memory and ends with the process.
/// </summary>
public static class BrokerCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Parse(args);
        using var signals = new StopSignals();
        return await RunAsync(options, Console.Out, signals.Token);
    }

    public static BrokerOptions Parse(string[] args)
    {
        var line = new CommandLine(args, new HashSet<string> { "--port", "--partitions", "--topic" }, new HashSet<string>());
        if (line.Rest.Count > 0)
        {
            throw new UsageException($"broker: unknown argument {line.Rest[0]}");
        }

        var topic = line.Value("--topic") ?? StreamNames.UserMovieEvents;
        if (string.IsNullOrWhiteSpace(topic))
        {
            throw new UsageException("broker: --topic: expected a topic name");
        }

        return new BrokerOptions(
            line.Number("--port", BrokerOptions.DefaultPort, min: 0, max: System.Net.IPEndPoint.MaxPort),
            line.Number("--partitions", BrokerOptions.DefaultPartitions, min: 1, max: int.MaxValue),
            topic);
    }

    /// <summary>Serves until <paramref name="stop"/> is cancelled; the first line written to <paramref name="output"/> names the address.</summary>
    public static async Task<int> RunAsync(BrokerOptions options, TextWriter output, CancellationToken stop)
    {
        EmbeddedKafkaBroker broker;
        try
        {
            broker = new EmbeddedKafkaBroker(port: options.Port);
        }
        catch (SocketException ex)
        {
            throw new UsageException($"broker: --port {options.Port}: {ex.Message}");
        }

        await using (broker)
        {
            broker.CreateTopic(options.Topic, options.Partitions);
            await output.WriteLineAsync($"broker: {broker.BootstrapServers} topic {options.Topic} partitions {options.Partitions}");
            await output.FlushAsync(CancellationToken.None);
            try
            {
                await Task.Delay(Timeout.Infinite, stop);
            }
            catch (OperationCanceledException)
            {
                // Asked to stop.
            }
        }

        return 0;
    }
}
