using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CineMatch.Streaming.Kafka.Monitoring;

/// <summary>
/// Collects each receiver's progress and publishes it: <see cref="GetLag"/> for the host, and the meter
/// <c>CineMatch.Kafka</c> for metrics pipelines. One per silo (or client), shared by all Kafka providers.
/// </summary>
public sealed class KafkaLagMonitor : IKafkaLagMonitor, IDisposable
{
    public const string MeterName = "CineMatch.Kafka";

    private readonly ConcurrentDictionary<(string Provider, string Topic, int Partition), PartitionProgress> _partitions = new();
    private readonly Meter _meter;

    public KafkaLagMonitor()
    {
        _meter = new Meter(MeterName);
        _meter.CreateObservableGauge("cinematch.kafka.consumer.lag", ObserveLag, "{record}",
            "Records between the committed offset and the high watermark, per partition.");
        _meter.CreateObservableGauge("cinematch.kafka.consumer.in_flight", ObserveInFlight, "{batch}",
            "Batches read from a partition and not yet completed by their consumers.");
        RecordsDeadLettered = _meter.CreateCounter<long>("cinematch.kafka.records.dead_lettered", "{record}",
            "Records written to the dead-letter store: unparseable, or set aside after repeated delivery failures.");
        DeliveryFailures = _meter.CreateCounter<long>("cinematch.kafka.delivery.failures", "{failure}",
            "Delivery rounds that ran out of retries (the batch is retried, then set aside).");
    }

    internal Counter<long> RecordsDeadLettered { get; }

    internal Counter<long> DeliveryFailures { get; }

    public IReadOnlyList<PartitionLag> GetLag() =>
        _partitions.Values
            .Select(p => p.Snapshot())
            .OrderBy(l => l.Provider, StringComparer.Ordinal).ThenBy(l => l.Topic, StringComparer.Ordinal).ThenBy(l => l.Partition)
            .ToList();

    /// <param name="logInterval">How often the partition's lag goes to the log; zero for never.</param>
    internal PartitionProgress Track(string provider, string topic, int partition, TimeSpan logInterval)
    {
        var progress = new PartitionProgress(provider, topic, partition, logInterval);
        _partitions[(provider, topic, partition)] = progress;
        return progress;
    }

    /// <summary>The partition moved to another silo (or this one stops): its figures are no longer ours to report.</summary>
    internal void Forget(PartitionProgress progress) =>
        _partitions.TryRemove(new KeyValuePair<(string, string, int), PartitionProgress>((progress.Provider, progress.Topic, progress.Partition), progress));

    /// <summary>The partitions whose log interval has elapsed since they were last logged (marked as logged now).</summary>
    internal IReadOnlyList<PartitionLag> TakeDueForLog(DateTimeOffset now) =>
        _partitions.Values.Where(p => p.TryMarkLogged(now)).Select(p => p.Snapshot()).ToList();

    private IEnumerable<Measurement<long>> ObserveLag() =>
        _partitions.Values.Select(p => p.Snapshot()).Where(l => l.Lag >= 0).Select(l => new Measurement<long>(l.Lag, Tags(l)));

    private IEnumerable<Measurement<int>> ObserveInFlight() =>
        _partitions.Values.Select(p => p.Snapshot()).Select(l => new Measurement<int>(l.InFlight, Tags(l)));

    internal static KeyValuePair<string, object?>[] Tags(string provider, string topic, int partition) =>
        [new("provider", provider), new("topic", topic), new("partition", partition)];

    private static KeyValuePair<string, object?>[] Tags(PartitionLag lag) => Tags(lag.Provider, lag.Topic, lag.Partition);

    public void Dispose() => _meter.Dispose();
}
