namespace CineMatch.Streaming.Kafka.Embedded;

/// <summary>
/// A Kafka-protocol broker inside this process: librdkafka's mock cluster, listening on 127.0.0.1 at a
/// random port. For the embedded (development) setup and for tests; any Kafka client, including
/// <c>kcat</c> in another process, can talk to it.
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

    public EmbeddedKafkaBroker(int brokerCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
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
    }

    public string BootstrapServers { get; }

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

    public void Dispose()
    {
        lock (_gate)
        {
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
