using CineMatch.Events;
using Orleans.Streams;

namespace CineMatch.Tests.Kafka;

public interface IRecordingConsumerGrain : IGrainWithStringKey
{
}

/// <summary>A stand-in for the user grain: subscribes implicitly to its user's stream and hands each delivered batch to the test's scenario.</summary>
[ImplicitStreamSubscription(RecordingConsumerGrain.Namespace)]
public sealed class RecordingConsumerGrain(ConsumerScenario scenario) : Grain, IRecordingConsumerGrain
{
    /// <summary>
    /// The provider tests map the topic to this namespace, so that the real user grain (same test assembly,
    /// same silos) never competes with this grain, and no other silo of the test run sees it.
    /// </summary>
    public const string Namespace = "test-movie-events";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var userId = this.GetPrimaryKeyString();
        var stream = this.GetStreamProvider(StreamNames.Provider)
            .GetStream<MovieEvent>(StreamId.Create(Namespace, userId));
        await stream.SubscribeAsync((IList<SequentialItem<MovieEvent>> batch) => scenario.ApplyAsync(userId, batch));
    }
}
