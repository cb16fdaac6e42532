using System.Collections.Concurrent;
using System.Diagnostics;
using CineMatch.Streaming.Kafka.DataAdapter;
using CineMatch.Streaming.Kafka.Hosting;
using CineMatch.Streaming.Kafka.Monitoring;
using CineMatch.Streaming.Kafka.Publishing;
using CineMatch.Streaming.Kafka.Receiving;
using CineMatch.Tests.Support;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace CineMatch.Tests.Kafka;

/// <summary>The receiver as Orleans 10.4's pulling agent drives it: through the overloads with a cancellation token.</summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaPartitionReceiverTests(KafkaBrokerFixture kafka)
{
    [Fact]
    public async Task Initialization_the_records_read_and_shutdown_are_reported_to_Orleans_receiver_monitor()
    {
        var topic = kafka.NewTopic(1);
        await FastApiRecords.ProduceAsync(kafka.BootstrapServers, topic, Enumerable.Range(0, 5).Select(i => ((string?)"user", $"event-{i}")));
        var monitor = new RecordingReceiverMonitor();
        IQueueAdapterReceiver receiver = Receiver(topic, monitor);

        await receiver.Initialize(TimeSpan.FromSeconds(10), CancellationToken.None);
        var events = new List<string>();
        await Eventually.TrueAsync(async () =>
        {
            var batches = await receiver.GetQueueMessagesAsync(100, CancellationToken.None);
            events.AddRange(batches.SelectMany(b => b.GetEvents<string>()).Select(e => e.Item1));
            return events.Count == 5;
        }, TimeSpan.FromSeconds(30), () => $"{events.Count} of 5 records read");
        await receiver.Shutdown(TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"event-{i}"), events);
        Assert.Equal([true], monitor.Calls.Where(c => c.Kind == "init").Select(c => c.Success));
        Assert.Equal(5, monitor.Calls.Where(c => c.Kind == "received").Sum(c => c.Count));
        Assert.Contains(monitor.Calls, c => c.Kind == "read" && c.Success);
        Assert.Equal([true], monitor.Calls.Where(c => c.Kind == "shutdown").Select(c => c.Success));
    }

    [Fact]
    public async Task A_records_headers_and_its_producers_trace_context_arrive_with_the_batch()
    {
        var topic = kafka.NewTopic(1);
        string? producerId;
        using (var writer = new KafkaLogWriter(new KafkaConnectionOptions { BootstrapServers = kafka.BootstrapServers }, new KafkaPublisherOptions { Topic = topic }))
        using (var producer = new Activity("producer").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            await writer.WriteAsync(topic, [new KafkaMessage("user"u8.ToArray(), "event"u8.ToArray(), [new KafkaHeader("tenant", "blue"u8.ToArray())])], CancellationToken.None);
            producerId = producer.Id;
        }

        IQueueAdapterReceiver receiver = Receiver(topic, new RecordingReceiverMonitor());
        var batches = new List<IBatchContainer>();
        await Eventually.TrueAsync(async () =>
        {
            batches.AddRange(await receiver.GetQueueMessagesAsync(100, CancellationToken.None));
            return batches.Count > 0;
        }, TimeSpan.FromSeconds(30), () => "the record read back");
        await receiver.Shutdown(TimeSpan.FromSeconds(10), CancellationToken.None);

        var batch = Assert.IsType<KafkaBatchContainer>(Assert.Single(batches));
        var record = Assert.Single(batch.Records);
        Assert.Equal("blue"u8.ToArray(), record.Header("tenant"));
        Assert.Equal(producerId, batch.TraceParent);
        // Orleans imports this into the delivery call, where its activity propagation reads it.
        Assert.True(batch.ImportRequestContext());
        Assert.Equal(producerId, RequestContext.Get("traceparent"));
        RequestContext.Clear();
    }

    private KafkaPartitionReceiver Receiver(string topic, IQueueAdapterReceiverMonitor monitor) => new(
        "p",
        new TopicPartition(topic, 0),
        new KafkaConnectionOptions { BootstrapServers = kafka.BootstrapServers },
        new KafkaConsumerOptions { Topics = [topic], ConsumerGroup = $"group-{Guid.NewGuid():N}" },
        new KafkaCheckpointOptions(),
        new KafkaMonitoringOptions(),
        new KafkaBatchBuilder(new KafkaStringDataAdapter(), maxEventsPerBatch: 100),
        new LoggingDeadLetterSink(NullLogger<LoggingDeadLetterSink>.Instance),
        new KafkaLagMonitor(),
        monitor,
        TimeProvider.System,
        NullLogger.Instance);

    private sealed class RecordingReceiverMonitor : IQueueAdapterReceiverMonitor
    {
        public ConcurrentQueue<(string Kind, bool Success, long Count)> Calls { get; } = new();

        public void TrackInitialization(bool success, TimeSpan callTime, Exception? exception) => Calls.Enqueue(("init", success, 0));

        public void TrackRead(bool success, TimeSpan callTime, Exception? exception) => Calls.Enqueue(("read", success, 0));

        public void TrackMessagesReceived(long count, DateTime? oldestMessageEnqueueTimeUtc, DateTime? newestMessageEnqueueTimeUtc) => Calls.Enqueue(("received", true, count));

        public void TrackShutdown(bool success, TimeSpan callTime, Exception? exception) => Calls.Enqueue(("shutdown", success, 0));
    }
}
