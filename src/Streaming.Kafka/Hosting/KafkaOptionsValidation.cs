using CineMatch.Streaming.Kafka.Publishing;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace CineMatch.Streaming.Kafka.Hosting;

/// <summary>A check on one options class: when <c>IsInvalid</c> holds, <c>Problem</c> says what to fix.</summary>
internal readonly record struct OptionsRule<TOptions>(Func<TOptions, bool> IsInvalid, string Problem);

/// <summary>Checks one provider's options (by name) against its rules and lists every problem at once.</summary>
internal sealed class NamedOptionsValidator<TOptions>(string name, IReadOnlyList<OptionsRule<TOptions>> rules) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? optionsName, TOptions options)
    {
        if (optionsName != name)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = rules.Where(rule => rule.IsInvalid(options)).Select(rule => $"Kafka provider '{name}': {rule.Problem}").ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>The rules of every Kafka options class.</summary>
internal static class KafkaOptionsRules
{
    public static readonly OptionsRule<KafkaConnectionOptions>[] Connection =
    [
        new(o => string.IsNullOrWhiteSpace(o.BootstrapServers), "BootstrapServers is required (host:port[,host:port...])."),
        new(o => o.SaslMechanism is SaslMechanism.Plain or SaslMechanism.ScramSha256 or SaslMechanism.ScramSha512 && string.IsNullOrEmpty(o.SaslUsername),
            "SaslMechanism PLAIN/SCRAM needs SaslUsername and SaslPassword."),
    ];

    public static readonly OptionsRule<KafkaConsumerOptions>[] Consumer =
    [
        new(o => o.Topics.Count == 0 || o.Topics.Any(string.IsNullOrWhiteSpace), "Topics must name at least one topic, and no empty name."),
        new(o => o.Topics.Distinct(StringComparer.Ordinal).Count() != o.Topics.Count, "Topics must not repeat a topic."),
        new(o => string.IsNullOrWhiteSpace(o.ConsumerGroup), "ConsumerGroup is required: committed offsets are stored under it."),
        new(o => o.PollBatchSize is < 1 or > KafkaConsumerOptions.MaxPollBatchSize, $"PollBatchSize must be between 1 and {KafkaConsumerOptions.MaxPollBatchSize}."),
        new(o => o.MaxEventsPerBatch < 1, "MaxEventsPerBatch must be at least 1."),
        new(o => o.BrokerTimeout <= TimeSpan.Zero, "BrokerTimeout must be positive."),
    ];

    public static readonly OptionsRule<KafkaCacheOptions>[] Cache =
    [
        new(o => o.CacheSize < 1, "CacheSize must be at least 1."),
        new(o => o.MaxDeliveryRounds < 1, "MaxDeliveryRounds must be at least 1."),
    ];

    public static readonly OptionsRule<KafkaCheckpointOptions>[] Checkpoint =
    [
        new(o => o.CheckpointInterval < TimeSpan.Zero, "CheckpointInterval must not be negative (zero commits on every completed batch)."),
    ];

    public static readonly OptionsRule<KafkaTopicOptions>[] Topic =
    [
        new(o => o.Partitions < 1, "Topic Partitions must be at least 1."),
        new(o => o.ReplicationFactor < 1, "Topic ReplicationFactor must be at least 1."),
    ];

    public static readonly OptionsRule<KafkaMonitoringOptions>[] Monitoring =
    [
        new(o => o.LagLogInterval < TimeSpan.Zero, "LagLogInterval must not be negative."),
    ];

    public static readonly OptionsRule<KafkaPublisherOptions>[] Publisher =
    [
        new(o => string.IsNullOrWhiteSpace(o.Topic), "Publisher Topic is required."),
        new(o => o.AckTimeout < TimeSpan.FromMilliseconds(100), "Publisher AckTimeout must be at least 100 ms."),
        new(o => o.Linger < TimeSpan.Zero || o.Linger >= o.AckTimeout, "Publisher Linger must be between zero and AckTimeout."),
    ];

    /// <summary>Registers the validators of every options class for one provider name.</summary>
    public static void AddValidators(IServiceCollection services, string name)
    {
        Add(services, name, Connection);
        Add(services, name, Consumer);
        Add(services, name, Cache);
        Add(services, name, Checkpoint);
        Add(services, name, Topic);
        Add(services, name, Monitoring);
        Add(services, name, Publisher);
    }

    private static void Add<TOptions>(IServiceCollection services, string name, IReadOnlyList<OptionsRule<TOptions>> rules)
        where TOptions : class =>
        services.AddSingleton<IValidateOptions<TOptions>>(new NamedOptionsValidator<TOptions>(name, rules));
}

/// <summary>
/// Resolves the provider's named options when Orleans validates its configuration, so a bad setting stops
/// the silo or client at startup instead of surfacing when the first partition is pulled.
/// </summary>
internal sealed class KafkaStreamConfigurationValidator(IServiceProvider services, string name, bool receives) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        try
        {
            _ = services.GetRequiredService<IOptionsMonitor<KafkaConnectionOptions>>().Get(name);
            _ = services.GetRequiredService<IOptionsMonitor<KafkaPublisherOptions>>().Get(name);
            if (!receives)
            {
                return;
            }

            _ = services.GetRequiredService<IOptionsMonitor<KafkaConsumerOptions>>().Get(name);
            _ = services.GetRequiredService<IOptionsMonitor<KafkaCacheOptions>>().Get(name);
            _ = services.GetRequiredService<IOptionsMonitor<KafkaCheckpointOptions>>().Get(name);
            _ = services.GetRequiredService<IOptionsMonitor<KafkaTopicOptions>>().Get(name);
            _ = services.GetRequiredService<IOptionsMonitor<KafkaMonitoringOptions>>().Get(name);
            var pulling = services.GetRequiredService<IOptionsMonitor<Orleans.Configuration.StreamPullingAgentOptions>>().Get(name);
            if (pulling.BatchContainerBatchSize > 1)
            {
                // The delivery-tracking cache reads "the agent moved the cursor on" as "the previous batch is
                // done"; with several containers per delivery the agent moves on before delivering.
                throw new OrleansConfigurationException(
                    $"Kafka stream provider '{name}': StreamPullingAgentOptions.BatchContainerBatchSize must be 1 (group records per container with KafkaConsumerOptions.MaxEventsPerBatch instead).");
            }
        }
        catch (OptionsValidationException exception)
        {
            throw new OrleansConfigurationException(string.Join(Environment.NewLine, exception.Failures), exception);
        }
    }
}
