using CineMatch.Events;
using CineMatch.Hosting.Gateway.Admin;
using CineMatch.Hosting.InMemory;
using CineMatch.Hosting.Observability;
using CineMatch.Hosting.Security;
using CineMatch.Streaming.Kafka.Hosting;
using CineMatch.Streaming.Kafka.Publishing;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Driver;

namespace CineMatch.Hosting.Gateway;

public static class GatewayServiceCollectionExtensions
{
    /// <summary>Tag of the checks behind <c>/health/ready</c>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// The gateway's services: ProblemDetails (errors thrown by Kestrel or Orleans included), API keys and rate
    /// limits, the OpenAPI document, readiness checks, the admin store, and the publisher for the configured event log.
    /// </summary>
    public static IServiceCollection AddCineMatchGateway(this IServiceCollection services, DeploymentSettings settings)
    {
        services.AddProblemDetails();
        services.Configure<ExceptionHandlerOptions>(handler =>
        {
            handler.StatusCodeSelector = StatusCodeOf;
            // A client's oversized or malformed request is its mistake, answered with 4xx: not an error of ours to log.
            handler.SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException;
        });
        services.AddCineMatchGatewaySecurity();
        services.AddOpenApi();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AdminReconcileRuns>();
        if (settings.EventLog == EventLogKind.Kafka)
        {
            services.AddKafkaLogWriter(settings.ConfigureKafkaConnection, publisher => publisher.Topic = settings.KafkaTopic);
            services.AddSingleton<IEventPublisher>(provider => new KafkaEventPublisher(provider.GetRequiredService<KafkaLogWriter>(), settings.KafkaTopic));
        }
        else
        {
            services.AddSingleton<IEventPublisher, OrleansStreamEventPublisher>();
        }

        var health = services.AddHealthChecks()
            .AddCheck<ClusterReadinessCheck>("cluster", tags: [ReadyTag]);
        if (settings.EventLog == EventLogKind.Kafka)
        {
            health.Add(new HealthCheckRegistration("kafka", _ => new KafkaReadinessCheck(settings), HealthStatus.Unhealthy, [ReadyTag]));
        }

        if (settings.UsesMongoDB)
        {
            var database = new Lazy<IMongoDatabase>(() => MongoReadinessCheck.Connect(settings));
            health.Add(new HealthCheckRegistration("mongodb", _ => new MongoReadinessCheck(database.Value), HealthStatus.Unhealthy, [ReadyTag]));
            services.AddSingleton<IRejectedEventStore>(_ => new MongoRejectedEventStore(new MongoClient(settings.MongoConnectionString).GetDatabase(settings.MongoDatabase)));
        }
        else
        {
            // Only a silo in this process has the in-memory store; the gateway alone then has none to read.
            services.AddSingleton<IRejectedEventStore>(provider =>
                provider.GetService<InMemoryStatisticsStore>() is { } store ? new InMemoryRejectedEventStore(store) : null!);
        }

        return services;
    }

    // Kestrel's refusals (413 body too large, 400 bad request) keep their status; a cluster that does not answer is 503.
    private static int StatusCodeOf(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        SiloUnavailableException or OrleansException or TimeoutException => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
