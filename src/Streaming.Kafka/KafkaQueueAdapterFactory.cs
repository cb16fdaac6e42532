using CineMatch.Streaming.Kafka.Checkpointing;
using CineMatch.Streaming.Kafka.DataAdapter;
using CineMatch.Streaming.Kafka.Hosting;
using CineMatch.Streaming.Kafka.Monitoring;
using CineMatch.Streaming.Kafka.Publishing;
using CineMatch.Streaming.Kafka.Receiving;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace CineMatch.Streaming.Kafka;

/// <summary>
/// Wires the Kafka stream provider together: the queue mapper (one queue per partition, sized from the
/// topics' metadata), the adapter and its receivers, the delivery-tracking cache and the failure handler.
/// Registered per provider name by <see cref="KafkaStreamingExtensions"/>.
/// </summary>
public sealed class KafkaQueueAdapterFactory : IQueueAdapterFactory, IQueueAdapterCache, IDisposable
{
    private readonly string _name;
    private readonly IServiceProvider _services;
    private readonly KafkaConnectionOptions _connection;
    // Read only where partitions are read: a client that only produces has no consumer settings.
    private readonly Lazy<KafkaConsumerOptions> _consumer;
    private readonly KafkaCacheOptions _cache;
    private readonly KafkaLagMonitor _monitor;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Lazy<KafkaPartitionQueueMapper> _mapper;
    private readonly Lazy<KafkaLogWriter> _writer;

    private KafkaQueueAdapterFactory(string name, IServiceProvider services)
    {
        _name = name;
        _services = services;
        _connection = Named<KafkaConnectionOptions>();
        _consumer = new(Named<KafkaConsumerOptions>);
        _cache = Named<KafkaCacheOptions>();
        _monitor = services.GetRequiredService<KafkaLagMonitor>();
        _loggerFactory = services.GetRequiredService<ILoggerFactory>();
        _mapper = new(ReadPartitionLayout);
        _writer = new(() => new KafkaLogWriter(_connection, Named<KafkaPublisherOptions>()));
    }

    public static KafkaQueueAdapterFactory Create(IServiceProvider services, string name) => new(name, services);

    public Task<IQueueAdapter> CreateAdapter() =>
        Task.FromResult<IQueueAdapter>(new KafkaQueueAdapter(_name, Named<KafkaPublisherOptions>().Topic!, DataAdapter(), _writer, CreateReceiver));

    public IQueueAdapterCache GetQueueAdapterCache() => this;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper.Value;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new KafkaDeliveryFailureHandler(_name, _monitor, _loggerFactory.CreateLogger<KafkaDeliveryFailureHandler>()));

    public IQueueCache CreateQueueCache(QueueId queueId) => new DeliveryTrackingCache(_cache.CacheSize, _cache.MaxDeliveryRounds);

    private KafkaPartitionReceiver CreateReceiver(QueueId queueId)
    {
        var (topic, partition) = KafkaPartitionQueueMapper.PartitionOf(queueId);
        return new KafkaPartitionReceiver(
            _name,
            new TopicPartition(topic, partition),
            _connection,
            _consumer.Value,
            Named<KafkaCheckpointOptions>(),
            Named<KafkaMonitoringOptions>(),
            new KafkaBatchBuilder(DataAdapter(), _consumer.Value.MaxEventsPerBatch),
            _services.GetKeyedService<IKafkaDeadLetterSink>(_name)
                ?? _services.GetService<IKafkaDeadLetterSink>()
                ?? ActivatorUtilities.CreateInstance<LoggingDeadLetterSink>(_services),
            _monitor,
            _services.GetService<TimeProvider>() ?? TimeProvider.System,
            _loggerFactory.CreateLogger<KafkaPartitionReceiver>());
    }

    /// <summary>How many partitions each topic has: the queues must exist before the balancer hands them out.</summary>
    private KafkaPartitionQueueMapper ReadPartitionLayout()
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
        _loggerFactory.CreateLogger<KafkaQueueAdapterFactory>().LogInformation(
            "Kafka stream provider {Name}: {Layout}", _name, string.Join(", ", layout.Select(l => $"{l.topic} x{l.Count} partitions")));
        return new KafkaPartitionQueueMapper(layout);
    }

    /// <summary>The adapter registered for this provider, else one registered for all, else records as strings.</summary>
    private IKafkaDataAdapter DataAdapter() =>
        _services.GetKeyedService<IKafkaDataAdapter>(_name) ?? _services.GetService<IKafkaDataAdapter>() ?? new KafkaStringDataAdapter();

    private T Named<T>() => _services.GetRequiredService<IOptionsMonitor<T>>().Get(_name);

    public void Dispose()
    {
        if (_writer.IsValueCreated)
        {
            _writer.Value.Dispose();
        }
    }
}
