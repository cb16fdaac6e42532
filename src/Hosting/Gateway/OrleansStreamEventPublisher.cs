using CineMatch.Events;
using CineMatch.Hosting.Observability;
using Orleans.Runtime;
using Orleans.Streams;

namespace CineMatch.Hosting.Gateway;

/// <summary>
/// Publishes accepted events straight onto the Orleans stream (memory streams, the in-memory option):
/// one stream per user, each user's events in one batch and in the order they were posted.
/// </summary>
public sealed class OrleansStreamEventPublisher(IClusterClient client) : IEventPublisher
{
    public async Task PublishAsync(IReadOnlyList<IncomingEvent> events, CancellationToken cancellationToken)
    {
        using var span = GatewayTelemetry.StartPublish(StreamNames.UserMovieEvents, events.Count);
        var provider = client.GetStreamProvider(StreamNames.Provider);
        var perUser = events.GroupBy(incoming => incoming.Event.UserId, StringComparer.Ordinal);
        await Task.WhenAll(perUser.Select(user =>
            provider.GetStream<MovieEvent>(StreamId.Create(StreamNames.UserMovieEvents, user.Key))
                .OnNextBatchAsync([.. user.Select(incoming => incoming.Event)])));
    }
}
