using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace CineMatch.Streaming.Kafka.Hosting;

/// <summary>
/// Creates the provider's topics that do not exist yet, early in silo startup (before the stream provider
/// reads the partition layout). Off unless <see cref="KafkaTopicOptions.CreateIfMissing"/>: production topics
/// are usually owned by the platform, and librdkafka's mock cluster does not implement CreateTopics.
/// </summary>
internal sealed partial class KafkaTopicProvisioner(
    string providerName,
    KafkaConnectionOptions connection,
    KafkaConsumerOptions consumer,
    KafkaTopicOptions topics,
    ILogger<KafkaTopicProvisioner> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(KafkaTopicProvisioner)}-{providerName}", ServiceLifecycleStage.RuntimeInitialize, EnsureTopicsAsync);

    private async Task EnsureTopicsAsync(CancellationToken cancellationToken)
    {
        if (!topics.CreateIfMissing)
        {
            return;
        }

        using var admin = new AdminClientBuilder(connection.ToClientConfig()).Build();
        var existing = admin.GetMetadata(consumer.BrokerTimeout).Topics.Where(t => !t.Error.IsError).Select(t => t.Topic).ToHashSet(StringComparer.Ordinal);
        var missing = consumer.Topics.Where(t => !existing.Contains(t)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        try
        {
            await admin.CreateTopicsAsync(
                missing.Select(t => new TopicSpecification { Name = t, NumPartitions = topics.Partitions, ReplicationFactor = topics.ReplicationFactor }),
                new CreateTopicsOptions { RequestTimeout = consumer.BrokerTimeout });
            LogCreatedTopics(logger, missing, topics.Partitions, topics.ReplicationFactor);
        }
        catch (CreateTopicsException exception) when (exception.Results.All(r => r.Error.Code is Confluent.Kafka.ErrorCode.NoError or Confluent.Kafka.ErrorCode.TopicAlreadyExists))
        {
            // Another silo created them first.
        }
    }

    [LoggerMessage(EventId = 1050, Level = LogLevel.Information, Message = "Created Kafka topics {Topics} with {Partitions} partitions, replication {Replication}")]
    private static partial void LogCreatedTopics(ILogger logger, IReadOnlyList<string> topics, int partitions, short replication);
}
