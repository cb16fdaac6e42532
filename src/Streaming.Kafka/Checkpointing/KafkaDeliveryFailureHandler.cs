using CineMatch.Streaming.Kafka.Monitoring;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace CineMatch.Streaming.Kafka.Checkpointing;

/// <summary>
/// Told by the pulling agent when a delivery ran out of its retry budget. It never faults the subscription:
/// what happens to the batch (another round, or set aside after <c>KafkaCacheOptions.MaxDeliveryRounds</c>)
/// is decided by the <see cref="DeliveryTrackingCache"/>, which also keeps the offset below it meanwhile.
/// </summary>
internal sealed partial class KafkaDeliveryFailureHandler(string providerName, KafkaLagMonitor monitor, ILogger logger) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamId, StreamSequenceToken? sequenceToken)
    {
        monitor.DeliveryFailures.Add(1, new KeyValuePair<string, object?>("provider", providerName));
        LogDeliveryRoundFailed(logger, streamId, sequenceToken);
        return Task.CompletedTask;
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamId, StreamSequenceToken? sequenceToken)
    {
        LogSubscriptionFailed(logger, subscriptionId, streamId, sequenceToken);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 1030, Level = LogLevel.Warning, Message = "Delivery to {StreamId} at {Token} failed for a whole round; it is retried, then set aside")]
    private static partial void LogDeliveryRoundFailed(ILogger logger, StreamId streamId, StreamSequenceToken? token);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Warning, Message = "Subscription {SubscriptionId} to {StreamId} failed at {Token}")]
    private static partial void LogSubscriptionFailed(ILogger logger, GuidId subscriptionId, StreamId streamId, StreamSequenceToken? token);
}
