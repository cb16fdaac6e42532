using CineMatch.Streaming.Kafka.Monitoring;

namespace CineMatch.Tests.Kafka;

public sealed class KafkaLagMonitorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 19, 21, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Lag_is_what_a_restart_would_read_again_and_unknown_until_both_ends_are_known()
    {
        using var monitor = new KafkaLagMonitor();
        var progress = monitor.Track("p", "events", 3, TimeSpan.FromSeconds(30));

        Assert.Equal(-1, Assert.Single(monitor.GetLag()).Lag);
        progress.Update(committed: 40, processed: 45, highWatermark: 100, inFlight: 7, T0);

        var lag = Assert.Single(monitor.GetLag());
        Assert.Equal(("events", 3, 40L, 45L, 100L, 60L, 7), (lag.Topic, lag.Partition, lag.Committed, lag.Processed, lag.HighWatermark, lag.Lag, lag.InFlight));
        monitor.Forget(progress);
        Assert.Empty(monitor.GetLag());
    }

    [Fact]
    public void A_partition_is_logged_once_per_interval_whether_or_not_its_receiver_reported_since()
    {
        using var monitor = new KafkaLagMonitor();
        monitor.Track("p", "events", 0, TimeSpan.FromSeconds(30));
        monitor.Track("p", "events", 1, TimeSpan.Zero); // logging off

        Assert.Equal([0], monitor.TakeDueForLog(T0).Select(l => l.Partition));
        Assert.Empty(monitor.TakeDueForLog(T0.AddSeconds(10)));
        Assert.Equal([0], monitor.TakeDueForLog(T0.AddSeconds(31)).Select(l => l.Partition));
    }
}
