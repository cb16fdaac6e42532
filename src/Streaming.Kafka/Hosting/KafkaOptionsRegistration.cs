using CineMatch.Streaming.Kafka.Publishing;
using Microsoft.Extensions.DependencyInjection;

namespace CineMatch.Streaming.Kafka.Hosting;

/// <summary>
/// Registers every options class of one provider by name with its DataAnnotations/<see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/>
/// rules: they run when the named options are first resolved, which <see cref="KafkaStreamConfigurationValidator"/> does at startup.
/// </summary>
internal static class KafkaOptionsRegistration
{
    public static void AddValidatedOptions(IServiceCollection services, string name)
    {
        services.AddOptions<KafkaConnectionOptions>(name).ValidateDataAnnotations();
        services.AddOptions<KafkaConsumerOptions>(name).ValidateDataAnnotations();
        services.AddOptions<KafkaCacheOptions>(name).ValidateDataAnnotations();
        services.AddOptions<KafkaCheckpointOptions>(name).ValidateDataAnnotations();
        services.AddOptions<KafkaTopicOptions>(name).ValidateDataAnnotations();
        services.AddOptions<KafkaMonitoringOptions>(name).ValidateDataAnnotations();
        services.AddOptions<KafkaPublisherOptions>(name).ValidateDataAnnotations();
    }
}
