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
internal sealed class KafkaDeliveryFailureHandler(string providerName, KafkaLagMonitor monitor, ILogger logger) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamId, StreamSequenceToken? sequenceToken)
    {
        monitor.DeliveryFailures.Add(1, new KeyValuePair<string, object?>("provider", providerName));
        logger.LogWarning("Delivery to {StreamId} at {Token} failed for a whole round; it is retried, then set aside", streamId, sequenceToken);
        return Task.CompletedTask;
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamId, StreamSequenceToken? sequenceToken)
    {
        logger.LogWarning("Subscription {SubscriptionId} to {StreamId} failed at {Token}", subscriptionId, streamId, sequenceToken);
        return Task.CompletedTask;
    }
}
