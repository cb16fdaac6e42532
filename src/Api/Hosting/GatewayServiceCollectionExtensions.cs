using CineMatch.Api.Publishing;
using CineMatch.Events;
using CineMatch.Streaming.Kafka.Hosting;

namespace CineMatch.Api.Hosting;

public static class GatewayServiceCollectionExtensions
{
    /// <summary>The gateway's services: ProblemDetails, and the publisher for the configured event log.</summary>
    public static IServiceCollection AddCineMatchGateway(this IServiceCollection services, DeploymentSettings settings)
    {
        services.AddProblemDetails();
        if (settings.EventLog == EventLog.Kafka)
        {
            services.AddKafkaEventPublisher(settings.ConfigureKafkaConnection, publisher => publisher.Topic = settings.KafkaTopic);
        }
        else
        {
            services.AddSingleton<IEventPublisher, OrleansStreamEventPublisher>();
        }

        return services;
    }
}
