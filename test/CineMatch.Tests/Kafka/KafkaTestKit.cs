using System.Text;
using System.Text.Json;
using CineMatch.Catalog;
using CineMatch.Events;
using CineMatch.Hosting.Catalog;
using CineMatch.Hosting.Kafka;
using CineMatch.Hosting;
using CineMatch.Sinks;
using CineMatch.Streaming.Kafka.Embedded;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace CineMatch.Tests.Kafka;

/// <summary>One embedded broker for all Kafka tests: it outlives every silo, as a real cluster would.</summary>
public sealed class KafkaBrokerFixture : IAsyncLifetime
{
    private int _topics;

    public EmbeddedKafkaBroker Broker { get; private set; } = null!;

    public string BootstrapServers => Broker.BootstrapServers;

    public Task InitializeAsync()
    {
        Broker = new EmbeddedKafkaBroker();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Broker.DisposeAsync().AsTask();

    /// <summary>A fresh topic per test keeps tests independent on the shared broker.</summary>
    public string NewTopic(int partitions)
    {
        var topic = $"events-{Interlocked.Increment(ref _topics)}-{Guid.NewGuid():N}";
        Broker.CreateTopic(topic, partitions);
        return topic;
    }
}

[CollectionDefinition(Name)]
public sealed class KafkaCollection : ICollectionFixture<KafkaBrokerFixture>
{
    public const string Name = "kafka";
}

/// <summary>Builds records exactly as the FastAPI backend writes them: key = user_id, value = the event JSON.</summary>
public static class FastApiRecords
{
    private static readonly DateTimeOffset Start = new(2026, 1, 19, 21, 0, 0, TimeSpan.FromHours(1));

    public static string Json(string userId, string movieName, int second, int year = 2001, int rating = 5) => JsonSerializer.Serialize(new
    {
        event_type = "ADD",
        user_id = userId,
        movie = new { name = movieName, year, rating, date = "2026-01-19", genres = new[] { "Animation" } },
        timestamp = Start.AddSeconds(second).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz"),
    });

    /// <summary><paramref name="perUser"/> events for each of <paramref name="users"/> users, interleaved across users.</summary>
    public static List<(string Key, string Value)> Interleaved(int users, int perUser, string prefix = "user") =>
        Enumerable.Range(0, perUser)
            .SelectMany(i => Enumerable.Range(0, users).Select(u => ($"{prefix}-{u}", Json($"{prefix}-{u}", $"film-{i}", i))))
            .ToList();

    /// <summary>
    /// A consumer hook that fails (like a dependency that is down) every event from each user's film
    /// <paramref name="filmIndex"/> on, as long as <paramref name="stalled"/> says so; the agent keeps retrying.
    /// </summary>
    public static Func<MovieEvent, Task> FailFromFilm(int filmIndex, Func<bool> stalled) =>
        e => stalled() && int.Parse(e.Movie.Name["film-".Length..], System.Globalization.CultureInfo.InvariantCulture) >= filmIndex
            ? Task.FromException(new TimeoutException("dependency down (test)"))
            : Task.CompletedTask;

    /// <summary>Produces the records in order and returns where each one landed, in the same order.</summary>
    public static Task<IReadOnlyList<TopicPartitionOffset>> ProduceAsync(string bootstrapServers, string topic, IEnumerable<(string? Key, string Value)> records, int? partition = null) =>
        ProduceRawAsync(bootstrapServers, topic, records.Select(r => (r.Key is null ? null : Encoding.UTF8.GetBytes(r.Key), Encoding.UTF8.GetBytes(r.Value))), partition);

    /// <summary>Records as raw bytes (a key may be missing, a value need not be UTF-8), in order; where each one landed.</summary>
    public static async Task<IReadOnlyList<TopicPartitionOffset>> ProduceRawAsync(
        string bootstrapServers, string topic, IEnumerable<(byte[]? Key, byte[] Value)> records, int? partition = null)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
        }).Build();
        var deliveries = records.Select(r => partition is { } p
            ? producer.ProduceAsync(new TopicPartition(topic, p), new Message<byte[]?, byte[]> { Key = r.Key, Value = r.Value })
            : producer.ProduceAsync(topic, new Message<byte[]?, byte[]> { Key = r.Key, Value = r.Value }));
        return [.. (await Task.WhenAll(deliveries.ToList())).Select(delivery => delivery.TopicPartitionOffset)];
    }

    /// <summary>The consumer group's committed offset per partition (-1 when none).</summary>
    public static Dictionary<int, long> Committed(string bootstrapServers, string group, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = group }).Build();
        return consumer
            .Committed(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(10))
            .ToDictionary(c => c.Partition.Value, c => c.Offset.IsSpecial ? -1 : c.Offset.Value);
    }

    public static Dictionary<int, long> HighWatermarks(string bootstrapServers, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "watermarks" }).Build();
        return Enumerable.Range(0, partitions)
            .ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value);
    }
}

/// <summary>
/// A deployment under test: its own topic and consumer group on the shared broker, and silos with the Kafka
/// provider, the recording consumer grain and a test dead-letter store.
/// </summary>
public sealed class KafkaSilos
{
    private readonly KafkaBrokerFixture _kafka;

    public KafkaSilos(KafkaBrokerFixture kafka, int partitions)
        : this(kafka, kafka.NewTopic(partitions), partitions)
    {
    }

    private KafkaSilos(KafkaBrokerFixture kafka, string topic, int partitions)
    {
        _kafka = kafka;
        Topic = topic;
        Partitions = partitions;
        Group = $"group-{topic}";
    }

    public string Topic { get; }

    public int Partitions { get; }

    public string Group { get; }

    /// <summary>Another deployment over the same topic and consumer group (a restart), with fresh consumers and dead letters.</summary>
    public KafkaSilos SameTopicAndGroup() => new(_kafka, Topic, Partitions);

    public Task ProduceAsync(IEnumerable<(string Key, string Value)> records) =>
        FastApiRecords.ProduceAsync(_kafka.BootstrapServers, Topic, records.Select(r => ((string?)r.Key, r.Value)));

    public Task<IReadOnlyList<TopicPartitionOffset>> ProduceRawAsync(IEnumerable<(byte[]? Key, byte[] Value)> records) =>
        FastApiRecords.ProduceRawAsync(_kafka.BootstrapServers, Topic, records);

    public Dictionary<int, long> Committed() => FastApiRecords.Committed(_kafka.BootstrapServers, Group, Topic, Partitions);

    public Dictionary<int, long> HighWatermarks() => FastApiRecords.HighWatermarks(_kafka.BootstrapServers, Topic, Partitions);

    public ConsumerScenario Scenario { get; } = new();

    public RecordingDeadLetters DeadLetters { get; } = new();

    /// <summary>One delivery round before the pulling agent gives up on a batch (then the cache retries or sets it aside).</summary>
    public TimeSpan DeliveryRound { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxDeliveryRounds { get; init; } = 3;

    public int MaxEventsPerBatch { get; init; } = 100;

    /// <summary>At most this many records per partition and pull (the provider's own default when null).</summary>
    public int? PollBatchSize { get; init; }

    /// <summary>Run the real statistics grains with the in-memory store instead of the recording grain (end-to-end).</summary>
    public bool RealGrains { get; init; }

    /// <summary>The catalog of the real grains; the bundled one when null.</summary>
    public IReadOnlyList<CatalogMovie>? Catalog { get; init; }

    /// <summary>Also add the provider to the cluster client, which then produces onto the topic through the stream.</summary>
    public bool ClientProduces { get; init; }

    public async Task<InProcessTestCluster> StartAsync(int silos)
    {
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((_, silo) =>
        {
            if (RealGrains)
            {
                if (Catalog is not null)
                {
                    silo.Services.AddSingleton<ICatalogSource>(new LoadedCatalogSource(Catalog));
                }

                silo.AddCineMatchStatistics();
                silo.AddInMemoryStatisticsParts();
            }
            else
            {
                silo.Services.AddSingleton(Scenario);
                silo.Services.AddSingleton<IRejectedEventSink>(DeadLetters);
            }

            silo.AddKafkaStreams(StreamNames.Provider, kafkaStreams => kafkaStreams
                .UseMovieEvents(RealGrains ? StreamNames.UserMovieEvents : RecordingConsumerGrain.Namespace)
                .ConfigureConnection(c => c.BootstrapServers = _kafka.BootstrapServers)
                .ConfigureConsumer(c =>
                {
                    c.Topics = [Topic];
                    c.ConsumerGroup = Group;
                    c.MaxEventsPerBatch = MaxEventsPerBatch;
                    c.PollBatchSize = PollBatchSize ?? c.PollBatchSize;
                })
                .ConfigurePublisher(p => p.Topic = Topic)
                .ConfigureCache(c => c.MaxDeliveryRounds = MaxDeliveryRounds)
                .ConfigureCheckpointing(c => c.CheckpointInterval = TimeSpan.FromMilliseconds(100))
                .ConfigureMonitoring(c => c.LagLogInterval = TimeSpan.FromSeconds(5))
                .ConfigureSilo(streams =>
                {
                    streams.ConfigurePullingAgent(agent => agent.Configure(o =>
                    {
                        o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(20);
                        o.MaxEventDeliveryTime = DeliveryRound;
                    }));
                    streams.ConfigureBackoffProvider((_, _) => new FixedDeliveryBackoff(TimeSpan.FromMilliseconds(100)));
                }));
        });
        if (ClientProduces)
        {
            builder.ConfigureClient(client => client.AddKafkaStreams(StreamNames.Provider, kafkaStreams => kafkaStreams
                .UseMovieEvents()
                .ConfigureConnection(c => c.BootstrapServers = _kafka.BootstrapServers)
                .ConfigurePublisher(p => p.Topic = Topic)));
        }

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}

/// <summary>Retries failed deliveries quickly (Orleans' default backs off up to 30 s), to keep tests short.</summary>
internal sealed class FixedDeliveryBackoff(TimeSpan delay) : Orleans.Runtime.Providers.IMessageDeliveryBackoffProvider
{
    public TimeSpan Next(int attempt) => delay;
}
