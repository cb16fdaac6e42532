namespace CineMatch.Streaming.Kafka.Monitoring;

/// <summary>One partition's figures, written by its receiver and read by anyone.</summary>
internal sealed class PartitionProgress(string provider, string topic, int partition, TimeSpan logInterval)
{
    private readonly object _gate = new();
    private PartitionLag _latest = new(provider, topic, partition, -1, -1, -1, -1, 0, DateTimeOffset.UtcNow);
    private DateTimeOffset _loggedAt = DateTimeOffset.MinValue;

    public string Provider { get; } = provider;

    public string Topic { get; } = topic;

    public int Partition { get; } = partition;

    public void Update(long committed, long processed, long highWatermark, int inFlight, DateTimeOffset now)
    {
        var lag = committed >= 0 && highWatermark >= 0 ? Math.Max(0, highWatermark - committed) : -1;
        lock (_gate)
        {
            _latest = _latest with { Committed = committed, Processed = processed, HighWatermark = highWatermark, Lag = lag, InFlight = inFlight, UpdatedAt = now };
        }
    }

    public bool TryMarkLogged(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (logInterval <= TimeSpan.Zero || now - _loggedAt < logInterval)
            {
                return false;
            }

            _loggedAt = now;
            return true;
        }
    }

    public PartitionLag Snapshot()
    {
        lock (_gate)
        {
            return _latest;
        }
    }
}
