namespace CineMatch.Streaming.Kafka.Embedded;

/// <summary>
/// A Kafka-protocol broker inside this process: librdkafka's mock cluster, listening on 127.0.0.1 at a
/// random port, or at a given one. For the embedded (development) setup, the <c>broker</c> command and
/// tests; any Kafka client, including <c>kcat</c> or a silo in another process, can talk to it.
/// </summary>
/// <remarks>
/// Known limits of the mock (see docs/ENVIRONMENT): data lives in memory and dies with the process;
/// retention is about 5 MiB or 100,000 batches per partition and older data is dropped silently, so use
/// many partitions for load; topics cannot be created through the admin API, use <see cref="CreateTopic"/>.
/// </remarks>
public sealed class EmbeddedKafkaBroker : IAsyncDisposable, IDisposable
{
    private readonly object _gate = new();
    private IntPtr _handle;
    private IntPtr _cluster;
    private TcpRelay? _relay;

    /// <param name="brokerCount">Brokers in the cluster.</param>
    /// <param name="port">
    /// A loopback port to serve the (single) broker at; 0 for the port the mock picks. The mock only binds
    /// ports the kernel picks, so a fixed port is a relay to that one, and the broker advertises the fixed
    /// port in its metadata so that clients stay on it.
    /// </param>
    /// <exception cref="System.Net.Sockets.SocketException">The port is taken.</exception>
    public EmbeddedKafkaBroker(int brokerCount = 1, int port = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, System.Net.IPEndPoint.MaxPort);
        if (port != 0 && brokerCount != 1)
        {
            throw new ArgumentException("A fixed port serves one broker only.", nameof(port));
        }

        LibrdkafkaNative.EnsureResolved();
        _handle = LibrdkafkaNative.NewProducerHandle();
        _cluster = LibrdkafkaNative.rd_kafka_mock_cluster_new(_handle, brokerCount);
        if (_cluster == IntPtr.Zero)
        {
            LibrdkafkaNative.rd_kafka_destroy(_handle);
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed.");
        }

        // A controller makes DescribeCluster/DescribeTopics answer; no rebalance delay keeps group joins
        // (used by ordinary clients such as kcat -G) from waiting.
        LibrdkafkaNative.rd_kafka_mock_set_controller_id(_cluster, 1);
        LibrdkafkaNative.rd_kafka_mock_group_initial_rebalance_delay_ms(_cluster, 0);
        BootstrapServers = LibrdkafkaNative.Bootstraps(_cluster);
        if (port != 0)
        {
            ServeAt(port);
        }
    }

    public string BootstrapServers { get; private set; }

    /// <summary>Creates a topic (replication factor 1); an existing topic is left as it is.</summary>
    public void CreateTopic(string name, int partitions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            var error = LibrdkafkaNative.rd_kafka_mock_topic_create(_cluster, name, partitions, 1);
            const int topicAlreadyExists = 36;
            if (error != 0 && error != topicAlreadyExists)
            {
                throw new InvalidOperationException($"rd_kafka_mock_topic_create({name}, {partitions}) failed with error {error}.");
            }
        }
    }

    private void ServeAt(int port)
    {
        try
        {
            _relay = new TcpRelay(port, System.Net.IPEndPoint.Parse(BootstrapServers));
        }
        catch
        {
            Dispose();
            throw;
        }

        const int brokerId = 1;
        LibrdkafkaNative.rd_kafka_mock_broker_set_host_port(_cluster, brokerId, "127.0.0.1", _relay.Port);
        BootstrapServers = $"127.0.0.1:{_relay.Port}";
    }

    public void Dispose()
    {
        lock (_gate)
        {
            // Stopped first, so that no client reaches a cluster that is being destroyed.
            _relay?.Dispose();
            _relay = null;
            if (_cluster != IntPtr.Zero)
            {
                LibrdkafkaNative.rd_kafka_mock_cluster_destroy(_cluster);
                _cluster = IntPtr.Zero;
            }

            if (_handle != IntPtr.Zero)
            {
                LibrdkafkaNative.rd_kafka_destroy(_handle);
                _handle = IntPtr.Zero;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        // Destroying the cluster joins its broker threads; keep that off the caller's thread.
        return new ValueTask(Task.Run(Dispose));
    }
}
