using System.Net;
using System.Net.Sockets;
using CineMatch.Hosting;
using CineMatch.Silo.Commands;
using Confluent.Kafka;

namespace CineMatch.Tests.Processes;

/// <summary>
/// The <c>broker</c> command: the embedded Kafka broker alone in its own process, which other processes
/// produce to and consume from, at a port given in advance or picked by the system, until SIGTERM.
/// </summary>
public sealed class BrokerCommandTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Serves_a_topic_to_other_processes_until_SIGTERM(bool fixedPort)
    {
        var port = fixedPort ? SiloHosting.FreePort() : 0;
        await using var broker = SiloProgram.Start("broker", ["broker", "--port", $"{port}", "--partitions", "3", "--topic", "films"]);

        var line = await broker.FirstLineAsync(Deadline);
        var address = BrokerProgram.Address(line);
        Assert.Equal($"broker: {address} topic films partitions 3", line);
        Assert.StartsWith("127.0.0.1:", address, StringComparison.Ordinal);
        if (fixedPort)
        {
            Assert.Equal($"127.0.0.1:{port}", address);
        }

        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = address }).Build())
        {
            var metadata = admin.GetMetadata("films", Deadline);
            Assert.Equal(3, Assert.Single(metadata.Topics).Partitions.Count);
            // Clients are sent back to the address they were given, not to the mock's own port.
            Assert.Equal(address, $"{Assert.Single(metadata.Brokers).Host}:{metadata.Brokers[0].Port}");
        }

        var sent = Enumerable.Range(0, 30).Select(i => ($"user-{i % 7}", $"event {i}")).ToList();
        await ProduceAsync(address, "films", sent);
        Assert.Equal(sent.OrderBy(r => r.Item2, StringComparer.Ordinal), ConsumeAll(address, "films", partitions: 3, count: sent.Count).OrderBy(r => r.Value, StringComparer.Ordinal));

        broker.Terminate();
        Assert.Equal(0, await broker.WaitForExitAsync(Deadline));
        using var probe = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync(IPEndPoint.Parse(address)));
    }

    [Fact]
    public async Task A_taken_port_or_a_bad_option_is_a_usage_error_with_exit_code_2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var error = await Assert.ThrowsAsync<UsageException>(() => BrokerCommand.RunAsync(new BrokerOptions(Port: port), TextWriter.Null, CancellationToken.None));
        Assert.StartsWith($"broker: --port {port}: ", error.Message, StringComparison.Ordinal);

        Assert.Throws<UsageException>(() => BrokerCommand.Parse(["--partitions", "0"]));
        Assert.Throws<UsageException>(() => BrokerCommand.Parse(["--port", "-1"]));
        Assert.Throws<UsageException>(() => BrokerCommand.Parse(["--topic"]));
        Assert.Throws<UsageException>(() => BrokerCommand.Parse(["9092"]));
        Assert.Equal(new BrokerOptions(9092, 8, "user-movie-events"), BrokerCommand.Parse([]));

        await using var program = SiloProgram.Start("broker", ["broker", "--port", "70000"]);
        Assert.Equal(2, await program.WaitForExitAsync(Deadline));
        Assert.Equal("--port: expected a whole number from 0 to 65535, got 70000", program.Tail().Split('\n')[^1].Trim());
    }

    private static async Task ProduceAsync(string bootstrapServers, string topic, IEnumerable<(string Key, string Value)> records)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrapServers, EnableIdempotence = true }).Build();
        await Task.WhenAll(records.Select(r => producer.ProduceAsync(topic, new Message<string, string> { Key = r.Key, Value = r.Value })).ToList());
    }

    private static List<(string Key, string Value)> ConsumeAll(string bootstrapServers, string topic, int partitions, int count)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "broker-test" }).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var received = new List<(string, string)>();
        var deadline = DateTime.UtcNow + Deadline;
        while (received.Count < count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: { } message })
            {
                received.Add((message.Key, message.Value));
            }
        }

        Assert.True(received.Count == count, $"consumed {received.Count} of {count} records within {Deadline}");
        return received;
    }
}
