using System.Diagnostics;
using CineMatch.Events;
using CineMatch.Hosting.Gateway;
using CineMatch.Silo.Bench;
using CineMatch.Streaming.Kafka.Hosting;
using CineMatch.Streaming.Kafka.Publishing;
using CineMatch.Tests.Support;
using CineMatch.Wire;
using Confluent.Kafka;

namespace CineMatch.Tests.Kafka;

[Collection(KafkaCollection.Name)]
public sealed class KafkaPublishingTests(KafkaBrokerFixture kafka)
{
    [Fact]
    public async Task The_publisher_writes_the_backends_record_shape_and_returns_after_the_brokers_acknowledged()
    {
        var topic = kafka.NewTopic(3);
        var events = FastApiRecords.Interleaved(users: 4, perUser: 5, prefix: "pub")
            .Select(r => new IncomingEvent(EventParser.Parse(r.Value).Event!, r.Value))
            .ToList();
        // librdkafka holds records for the whole linger before it sends them: a publisher that returned without
        // the acks would return while every record is still in the local queue, nowhere on the broker.
        var options = new KafkaPublisherOptions { Topic = topic, Linger = TimeSpan.FromSeconds(1.5), AckTimeout = TimeSpan.FromSeconds(10) };
        using var writer = new KafkaLogWriter(new KafkaConnectionOptions { BootstrapServers = kafka.BootstrapServers }, options);
        using var broker = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = "watermarks" }).Build();
        Assert.Equal(0, OnTheBroker(broker, topic)); // connected before the publish, so the count below is one round trip

        await new KafkaEventPublisher(writer, options.Topic!).PublishAsync(events, CancellationToken.None);

        Assert.Equal(events.Count, OnTheBroker(broker, topic));
        // Acknowledged means readable: no waiting for a flush.
        var read = RawKafkaConsumption.ReadTopic(kafka.BootstrapServers, topic, events.Count, TimeSpan.FromSeconds(10), keepSample: events.Count);
        Assert.Equal(events.Count, read.Records);
        Assert.Equal(
            events.Select(e => (e.Event.UserId, e.RawJson)).Order(),
            read.Sample.Select(r => (r.Message.Key!, r.Message.Value!)).Order());
        Assert.All(read.Sample.GroupBy(r => r.Message.Key), user => Assert.Single(user.Select(r => r.Partition.Value).Distinct()));
    }

    private static long OnTheBroker(IConsumer<Ignore, Ignore> broker, string topic) =>
        Enumerable.Range(0, 3).Sum(partition => broker.QueryWatermarkOffsets(new TopicPartition(topic, partition), TimeSpan.FromSeconds(10)).High.Value);

    [Fact]
    public async Task An_unreachable_broker_fails_the_batch_with_EventLogUnavailableException_within_the_bounded_time()
    {
        var options = new KafkaPublisherOptions { Topic = "user-movie-events", AckTimeout = TimeSpan.FromSeconds(1) };
        using var writer = new KafkaLogWriter(new KafkaConnectionOptions { BootstrapServers = "127.0.0.1:1" }, options);
        var json = FastApiRecords.Json("u1", "film-0", 0);
        var publisher = new KafkaEventPublisher(writer, options.Topic!);

        var clock = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<EventLogUnavailableException>(() =>
            publisher.PublishAsync([new IncomingEvent(EventParser.Parse(json).Event!, json)], CancellationToken.None));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(4));
        Assert.Contains("user-movie-events", failure.Message);
    }

    [Fact]
    public async Task A_client_producing_through_the_orleans_stream_writes_records_the_silos_consume()
    {
        var silos = new KafkaSilos(kafka, partitions: 2) { ClientProduces = true };
        await using var cluster = await silos.StartAsync(silos: 1);
        var stream = cluster.Client.GetStreamProvider(StreamNames.Provider)
            .GetStream<string>(StreamId.Create(StreamNames.UserMovieEvents, "from-client"));

        await stream.OnNextBatchAsync([FastApiRecords.Json("from-client", "film-0", 0), FastApiRecords.Json("from-client", "film-1", 1)]);

        await Eventually.TrueAsync(() => silos.Scenario.DistinctDelivered == 2, TimeSpan.FromSeconds(20),
            () => $"{silos.Scenario.DistinctDelivered} of 2 delivered");
        Assert.Equal(["film-0", "film-1"], silos.Scenario.Delivered.Select(d => d.MovieName));
    }
}
