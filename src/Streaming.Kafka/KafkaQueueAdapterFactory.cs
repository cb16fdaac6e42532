using CineMatch.Streaming.Kafka.Checkpointing;
using CineMatch.Streaming.Kafka.DataAdapter;
using CineMatch.Streaming.Kafka.Hosting;
using CineMatch.Streaming.Kafka.Monitoring;
using CineMatch.Streaming.Kafka.Publishing;
using CineMatch.Streaming.Kafka.Receiving;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace CineMatch.Streaming.Kafka;

/// <summary>
/// Wires the Kafka stream provider together: the queue mapper (Orleans' hash-ring mapper with one queue per
/// partition, sized from the topics' metadata), the adapter and its receivers, the delivery-tracking cache and
/// the failure handler. Registered per provider name by <see cref="KafkaStreamingExtensions"/>.
/// </summary>
public sealed partial class KafkaQueueAdapterFactory : IQueueAdapterFactory, IQueueAdapterCache, IDisposable
{
    private readonly string _name;
    private readonly IServiceProvider _services;
    private readonly KafkaConnectionOptions _connection;
    // Read only where partitions are read: a client that only produces has no consumer settings.
    private readonly Lazy<KafkaConsumerOptions> _consumer;
    private readonly KafkaCacheOptions _cache;
    private readonly KafkaLagMonitor _monitor;
    private readonly ILoggerFactory _loggerFactory;
    // Built on first use: reading the layout needs the brokers, and a client that only produces never asks.
    private readonly Lazy<PartitionLayout> _layout;
    private readonly Lazy<KafkaLogWriter> _writer;

    private KafkaQueueAdapterFactory(string name, IServiceProvider services)
    {
        _name = name;
        _services = services;
        _connection = services.GetOptionsByName<KafkaConnectionOptions>(name);
        _consumer = new(() => services.GetOptionsByName<KafkaConsumerOptions>(name));
        _cache = services.GetOptionsByName<KafkaCacheOptions>(name);
        _monitor = services.GetRequiredService<KafkaLagMonitor>();
        _loggerFactory = services.GetRequiredService<ILoggerFactory>();
        _layout = new(ReadPartitionLayout);
        _writer = new(() => new KafkaLogWriter(_connection, services.GetOptionsByName<KafkaPublisherOptions>(name)));
    }

    public static KafkaQueueAdapterFactory Create(IServiceProvider services, string name) => new(name, services);

    public Task<IQueueAdapter> CreateAdapter() =>
        Task.FromResult<IQueueAdapter>(new KafkaQueueAdapter(_name, _services.GetOptionsByName<KafkaPublisherOptions>(_name).Topic!, DataAdapter(), _writer, CreateReceiver));

    public IQueueAdapterCache GetQueueAdapterCache() => this;

    public IStreamQueueMapper GetStreamQueueMapper() => _layout.Value.Mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new KafkaDeliveryFailureHandler(_name, _monitor, _loggerFactory.CreateLogger<KafkaDeliveryFailureHandler>()));

    public IQueueCache CreateQueueCache(QueueId queueId) => new DeliveryTrackingCache(_cache.CacheSize, _cache.MaxDeliveryRounds);

    private KafkaPartitionReceiver CreateReceiver(QueueId queueId)
    {
        return new KafkaPartitionReceiver(
            _name,
            _layout.Value.PartitionOf(queueId),
            _connection,
            _consumer.Value,
            _services.GetOptionsByName<KafkaCheckpointOptions>(_name),
            _services.GetOptionsByName<KafkaMonitoringOptions>(_name),
            new KafkaBatchBuilder(DataAdapter(), _consumer.Value.MaxEventsPerBatch),
            _services.GetKeyedService<IKafkaDeadLetterSink>(_name)
                ?? _services.GetService<IKafkaDeadLetterSink>()
                ?? ActivatorUtilities.CreateInstance<LoggingDeadLetterSink>(_services),
            _monitor,
            new DefaultQueueAdapterReceiverMonitor(new ReceiverMonitorDimensions(queueId.ToString()), _services.GetRequiredService<OrleansInstruments>()),
            _services.GetService<TimeProvider>() ?? TimeProvider.System,
            _loggerFactory.CreateLogger<KafkaPartitionReceiver>());
    }

    /// <summary>How many partitions each topic has: the queues must exist before the balancer hands them out.</summary>
    private PartitionLayout ReadPartitionLayout()
    {
        using var admin = new AdminClientBuilder(_connection.ToClientConfig()).Build();
        var layout = _consumer.Value.Topics.Select(topic =>
        {
            var metadata = admin.GetMetadata(topic, _consumer.Value.BrokerTimeout).Topics.SingleOrDefault(t => t.Topic == topic);
            if (metadata is null || metadata.Error.IsError || metadata.Partitions.Count == 0)
            {
                throw new InvalidOperationException(
                    $"Kafka stream provider '{_name}': topic '{topic}' was not found at {_connection.BootstrapServers} ({metadata?.Error.Reason ?? "no metadata"}). Create it, or set KafkaTopicOptions.CreateIfMissing.");
            }

            return (topic, metadata.Partitions.Count);
        }).ToList();
        LogLayout(_loggerFactory.CreateLogger<KafkaQueueAdapterFactory>(), _name, string.Join(", ", layout.Select(l => $"{l.topic} x{l.Count} partitions")));
        return PartitionLayout.Create(_name, layout);
    }

    /// <summary>The adapter registered for this provider, else one registered for all, else records as strings.</summary>
    private IKafkaDataAdapter DataAdapter() =>
        _services.GetKeyedService<IKafkaDataAdapter>(_name) ?? _services.GetService<IKafkaDataAdapter>() ?? new KafkaStringDataAdapter();

    public void Dispose()
    {
        if (_writer.IsValueCreated)
        {
            _writer.Value.Dispose();
        }
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Kafka stream provider {Name}: {Layout}")]
    private static partial void LogLayout(ILogger logger, string name, string layout);
}
