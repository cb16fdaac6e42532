using CineMatch.Events;
using Orleans.Streams;

namespace CineMatch.Tests.Kafka;

public interface IRecordingConsumerGrain : IGrainWithStringKey
{
}

/// <summary>A stand-in for the user grain: subscribes implicitly to its user's stream and hands each delivered batch to the test's scenario.</summary>
[ImplicitStreamSubscription(StreamNames.UserMovieEvents)]
public sealed class RecordingConsumerGrain(ConsumerScenario scenario) : Grain, IRecordingConsumerGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var userId = this.GetPrimaryKeyString();
        var stream = this.GetStreamProvider(StreamNames.Provider)
            .GetStream<MovieEvent>(StreamId.Create(StreamNames.UserMovieEvents, userId));
        await stream.SubscribeAsync((IList<SequentialItem<MovieEvent>> batch) => scenario.ApplyAsync(userId, batch));
    }
}
