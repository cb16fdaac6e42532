using CineMatch.Streaming.Kafka.Embedded;
using CineMatch.Streaming.Kafka.Hosting;
using CineMatch.Streaming.Kafka.Publishing;
using KafkaStreams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage: dotnet run [--Count 100] [--BootstrapServers host:port] [--TimeoutSeconds 60]
// Without BootstrapServers the sample starts the package's embedded broker (librdkafka's mock cluster) in this process.
var builder = Host.CreateApplicationBuilder(args);
var count = builder.Configuration.GetValue("Count", 100);
var timeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("TimeoutSeconds", 60));
var bootstrap = builder.Configuration["BootstrapServers"];
await using var broker = string.IsNullOrEmpty(bootstrap) ? new EmbeddedKafkaBroker() : null;
if (broker is not null)
{
    broker.CreateTopic(Sample.Topic, partitions: 4);
    bootstrap = broker.BootstrapServers;
}

builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.UseOrleans(silo => silo
    .UseLocalhostClustering()
    .AddKafkaStreams(Sample.StreamProvider, kafka => kafka
        .UseDataAdapter((_, _) => new NumberDataAdapter())
        .ConfigureConnection(connection => connection.BootstrapServers = bootstrap!)
        .ConfigureConsumer(consumer =>
        {
            consumer.Topics = [Sample.Topic];
            consumer.ConsumerGroup = "kafka-streams-sample";
        })
        // A real cluster may not have the topic yet; the embedded broker has it already.
        .ConfigureTopics(topics => (topics.CreateIfMissing, topics.Partitions, topics.ReplicationFactor) = (broker is null, 4, 1))));

using var host = builder.Build();
await host.StartAsync();

using (var writer = new KafkaLogWriter(new KafkaConnectionOptions { BootstrapServers = bootstrap! }, new KafkaPublisherOptions { Topic = Sample.Topic }))
{
    var records = Enumerable.Range(0, count).Select(n => (Key: $"counter-{n % Sample.Counters}", Value: n.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
    await writer.WriteAsync(Sample.Topic, records, CancellationToken.None);
}

var grains = host.Services.GetRequiredService<IGrainFactory>();
var received = 0;
var deadline = DateTime.UtcNow + timeout;
while (received < count && DateTime.UtcNow < deadline)
{
    await Task.Delay(TimeSpan.FromMilliseconds(200));
    var counts = await Task.WhenAll(Enumerable.Range(0, Sample.Counters).Select(i => grains.GetGrain<ICounterGrain>($"counter-{i}").GetCountAsync()));
    received = counts.Sum();
}

Console.WriteLine($"received {received} of {count}");
await host.StopAsync();
return received == count ? 0 : 1;
