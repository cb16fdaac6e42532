using CineMatch.Streaming.Kafka.Hosting;
using CineMatch.Streaming.Kafka.Monitoring;
using CineMatch.Streaming.Kafka.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;

// In the Orleans.Hosting namespace, like the built-in providers' extensions, so `siloBuilder.AddKafkaStreams` is found without a using.
namespace Orleans.Hosting;

public static class KafkaStreamingExtensions
{
    /// <summary>
    /// Adds a Kafka persistent stream provider to a silo: one Orleans queue per partition of the configured topics,
    /// records turned into stream events by the provider's data adapter (<see cref="KafkaStreamConfigurator.UseDataAdapter"/>),
    /// bad records to its dead-letter sink, offsets committed only for completed batches.
    /// </summary>
    public static ISiloBuilder AddKafkaStreams(this ISiloBuilder builder, string name, Action<KafkaStreamConfigurator> configure)
    {
        builder.AddPersistentStreams(name, CineMatch.Streaming.Kafka.KafkaQueueAdapterFactory.Create, streams =>
        {
            // Only implicit subscriptions (one grain per user) consume these streams; without explicit
            // pub-sub no rendezvous grain or PubSubStore is needed per user.
            streams.ConfigureStreamPubSub(Orleans.Streams.StreamPubSubType.ImplicitOnly);
            configure(new KafkaStreamConfigurator(streams));
        });
        AddKafkaStreamServices(builder.Services, name, receives: true);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, KafkaLagReporter>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => new KafkaTopicProvisioner(
            name,
            services.GetOptionsByName<KafkaConnectionOptions>(name),
            services.GetOptionsByName<KafkaConsumerOptions>(name),
            services.GetOptionsByName<KafkaTopicOptions>(name),
            services.GetRequiredService<ILogger<KafkaTopicProvisioner>>()));
        return builder;
    }

    /// <summary>Adds the Kafka stream provider to a client that produces onto the stream (it never reads partitions).</summary>
    public static IClientBuilder AddKafkaStreams(this IClientBuilder builder, string name, Action<KafkaStreamConfigurator> configure)
    {
        builder.AddPersistentStreams(name, CineMatch.Streaming.Kafka.KafkaQueueAdapterFactory.Create, streams =>
        {
            streams.ConfigureStreamPubSub(Orleans.Streams.StreamPubSubType.ImplicitOnly);
            configure(new KafkaStreamConfigurator(streams));
        });
        AddKafkaStreamServices(builder.Services, name, receives: false);
        return builder;
    }

    /// <summary>
    /// Registers a <see cref="KafkaLogWriter"/> for an application that writes records itself (idempotent producer,
    /// acks=all, bounded wait, <see cref="KafkaUnavailableException"/> when the brokers do not answer).
    /// </summary>
    public static IServiceCollection AddKafkaLogWriter(this IServiceCollection services, Action<KafkaConnectionOptions> connection, Action<KafkaPublisherOptions> publisher)
    {
        const string name = "kafka-log-writer";
        services.AddOptions<KafkaConnectionOptions>(name).Configure(connection).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KafkaPublisherOptions>(name).Configure(publisher).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp => new KafkaLogWriter(
            sp.GetOptionsByName<KafkaConnectionOptions>(name),
            sp.GetOptionsByName<KafkaPublisherOptions>(name)));
        return services;
    }

    private static void AddKafkaStreamServices(IServiceCollection services, string name, bool receives)
    {
        services.TryAddSingleton<KafkaLagMonitor>();
        services.TryAddSingleton<IKafkaLagMonitor>(sp => sp.GetRequiredService<KafkaLagMonitor>());
        // Producing through the stream writes to the first topic read unless a publisher topic is set.
        services.AddOptions<KafkaPublisherOptions>(name).PostConfigure<IOptionsMonitor<KafkaConsumerOptions>>(
            (publisher, consumers) => publisher.Topic ??= consumers.Get(name).Topics.FirstOrDefault());
        KafkaOptionsRegistration.AddValidatedOptions(services, name);
        services.AddSingleton<IConfigurationValidator>(sp => new KafkaStreamConfigurationValidator(sp, name, receives));
    }
}
