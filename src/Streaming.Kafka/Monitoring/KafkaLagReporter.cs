using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CineMatch.Streaming.Kafka.Monitoring;

/// <summary>
/// Writes each owned partition's lag to the log on its provider's interval. It runs on its own timer because
/// the receivers are not called while their cache is full: exactly when an SRE needs the line (a stale
/// <see cref="PartitionLag.UpdatedAt"/> with a full <see cref="PartitionLag.InFlight"/> says "consumers are stuck").
/// </summary>
internal sealed partial class KafkaLagReporter(KafkaLagMonitor monitor, TimeProvider time, ILogger<KafkaLagReporter> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var lag in monitor.TakeDueForLog(time.GetUtcNow()))
            {
                LogLag(logger, lag.Provider, lag.Topic, lag.Partition, lag.Committed, lag.Processed, lag.HighWatermark, lag.Lag, lag.InFlight, lag.UpdatedAt);
            }
        }
    }

    [LoggerMessage(EventId = 1040, Level = LogLevel.Information,
        Message = "Kafka lag {Provider} {Topic}/{Partition}: committed {Committed}, processed {Processed}, high watermark {HighWatermark}, lag {Lag}, in flight {InFlight}, as of {UpdatedAt:O}")]
    private static partial void LogLag(ILogger logger, string provider, string topic, int partition, long committed, long processed, long highWatermark, long lag, int inFlight, DateTimeOffset updatedAt);
}
