using CineMatch.Events;
using CineMatch.Sinks;
using CineMatch.Streaming.Kafka.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CineMatch.Hosting.Kafka;

public static class MovieEventStreamConfiguratorExtensions
{
    /// <summary>Records are the backend's events (<see cref="MovieEventDataAdapter"/>); bad ones go to the silo's <see cref="IRejectedEventSink"/>.</summary>
    public static KafkaStreamConfigurator UseMovieEvents(this KafkaStreamConfigurator kafka, string streamNamespace = StreamNames.UserMovieEvents) => kafka
        .UseDataAdapter((_, _) => new MovieEventDataAdapter(streamNamespace))
        .UseDeadLetterSink((services, _) => new DeadLetterStoreSink(services.GetRequiredService<IRejectedEventSink>()));
}
