using CineMatch.Streaming.Kafka.Publishing;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace CineMatch.Streaming.Kafka.Hosting;

/// <summary>
/// Resolves the provider's named options when Orleans validates its configuration, so a bad setting stops
/// the silo or client at startup, with the provider named, instead of surfacing when the first partition is pulled.
/// The rules themselves are attributes on the options classes.
/// </summary>
internal sealed class KafkaStreamConfigurationValidator(IServiceProvider services, string name, bool receives) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var failures = new List<string>();
        Check<KafkaConnectionOptions>(failures);
        Check<KafkaPublisherOptions>(failures);
        if (receives)
        {
            Check<KafkaConsumerOptions>(failures);
            Check<KafkaCacheOptions>(failures);
            Check<KafkaCheckpointOptions>(failures);
            Check<KafkaTopicOptions>(failures);
            Check<KafkaMonitoringOptions>(failures);
            if (services.GetOptionsByName<StreamPullingAgentOptions>(name).BatchContainerBatchSize > 1)
            {
                // The delivery-tracking cache reads "the agent moved the cursor on" as "the previous batch is
                // done"; with several containers per delivery the agent moves on before delivering.
                failures.Add($"Kafka provider '{name}': StreamPullingAgentOptions.BatchContainerBatchSize must be 1 (group records per container with KafkaConsumerOptions.MaxEventsPerBatch instead).");
            }
        }

        if (failures.Count > 0)
        {
            throw new OrleansConfigurationException(string.Join(Environment.NewLine, failures));
        }
    }

    private void Check<TOptions>(List<string> failures)
        where TOptions : class, new()
    {
        try
        {
            _ = services.GetOptionsByName<TOptions>(name);
        }
        catch (OptionsValidationException exception)
        {
            failures.AddRange(exception.Failures.Select(failure => $"Kafka provider '{name}': {failure}"));
        }
    }
}
