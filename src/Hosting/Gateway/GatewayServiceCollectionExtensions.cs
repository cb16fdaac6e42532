using CineMatch.Events;
using CineMatch.Streaming.Kafka.Hosting;
using CineMatch.Streaming.Kafka.Publishing;
using Microsoft.Extensions.DependencyInjection;

namespace CineMatch.Hosting.Gateway;

public static class GatewayServiceCollectionExtensions
{
    /// <summary>The gateway's services: ProblemDetails, and the publisher for the configured event log.</summary>
    public static IServiceCollection AddCineMatchGateway(this IServiceCollection services, DeploymentSettings settings)
    {
        services.AddProblemDetails();
        if (settings.EventLog == EventLogKind.Kafka)
        {
            services.AddKafkaLogWriter(settings.ConfigureKafkaConnection, publisher => publisher.Topic = settings.KafkaTopic);
            services.AddSingleton<IEventPublisher>(provider => new KafkaEventPublisher(provider.GetRequiredService<KafkaLogWriter>(), settings.KafkaTopic));
        }
        else
        {
            services.AddSingleton<IEventPublisher, OrleansStreamEventPublisher>();
        }

        return services;
    }
}
