using CineMatch.Streaming.Kafka.DataAdapter;
using CineMatch.Streaming.Kafka.Publishing;
using Orleans.Hosting;

namespace CineMatch.Streaming.Kafka.Hosting;

/// <summary>
/// The one place a Kafka stream provider is configured: each concern's options by provider name, plus
/// access to Orleans' own persistent-stream settings (pulling agent, queue balancer) on a silo.
/// </summary>
public sealed class KafkaStreamConfigurator
{
    private readonly IPersistentStreamConfigurator _streams;

    internal KafkaStreamConfigurator(IPersistentStreamConfigurator streams) => _streams = streams;

    public string Name => _streams.Name;

    /// <summary>How records become this provider's stream events and back; <see cref="KafkaStringDataAdapter"/> when not set.</summary>
    public KafkaStreamConfigurator UseDataAdapter(Func<IServiceProvider, string, IKafkaDataAdapter> factory)
    {
        _streams.ConfigureComponent(factory);
        return this;
    }

    /// <summary>Where this provider's rejected and set-aside records go; <see cref="LoggingDeadLetterSink"/> when not set.</summary>
    public KafkaStreamConfigurator UseDeadLetterSink(Func<IServiceProvider, string, IKafkaDeadLetterSink> factory)
    {
        _streams.ConfigureComponent(factory);
        return this;
    }

    public KafkaStreamConfigurator ConfigureConnection(Action<KafkaConnectionOptions> configure) => Options(configure);

    public KafkaStreamConfigurator ConfigureConsumer(Action<KafkaConsumerOptions> configure) => Options(configure);

    public KafkaStreamConfigurator ConfigureCache(Action<KafkaCacheOptions> configure) => Options(configure);

    public KafkaStreamConfigurator ConfigureCheckpointing(Action<KafkaCheckpointOptions> configure) => Options(configure);

    public KafkaStreamConfigurator ConfigureTopics(Action<KafkaTopicOptions> configure) => Options(configure);

    public KafkaStreamConfigurator ConfigureMonitoring(Action<KafkaMonitoringOptions> configure) => Options(configure);

    public KafkaStreamConfigurator ConfigurePublisher(Action<KafkaPublisherOptions> configure) => Options(configure);

    /// <summary>
    /// Orleans' settings of this provider on a silo: <c>ConfigurePullingAgent</c> (keep BatchContainerBatchSize at 1;
    /// MaxEventDeliveryTime is one delivery round), <c>UseLeaseBasedQueueBalancer</c> or the default consistent ring, ...
    /// Ignored on a client.
    /// </summary>
    public KafkaStreamConfigurator ConfigureSilo(Action<ISiloPersistentStreamConfigurator> configure)
    {
        if (_streams is ISiloPersistentStreamConfigurator silo)
        {
            configure(silo);
        }

        return this;
    }

    private KafkaStreamConfigurator Options<TOptions>(Action<TOptions> configure)
        where TOptions : class, new()
    {
        _streams.Configure<TOptions>(builder => builder.Configure(configure));
        return this;
    }
}
