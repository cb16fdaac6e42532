using Orleans.Streams;

namespace KafkaStreams;

/// <summary>Activated by the first event on its stream (an implicit subscription): no one has to subscribe it.</summary>
[ImplicitStreamSubscription(StreamNamespace)]
public sealed class CounterGrain : Grain, ICounterGrain
{
    public const string StreamNamespace = "numbers";

    // Delivery is at least once: a number seen twice still counts once.
    private readonly HashSet<int> _seen = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(Sample.StreamProvider).GetStream<int>(StreamId.Create(StreamNamespace, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync((number, _) =>
        {
            _seen.Add(number);
            return Task.CompletedTask;
        });
    }

    public Task<int> GetCountAsync() => Task.FromResult(_seen.Count);
}
