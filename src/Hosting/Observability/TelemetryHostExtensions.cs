using CineMatch.Streaming.Kafka.Monitoring;
using CineMatch.Streaming.Kafka.Tracing;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CineMatch.Hosting.Observability;

public static class TelemetryHostExtensions
{
    /// <summary>
    /// OpenTelemetry metrics (CineMatch's meters, the Kafka provider's, Orleans', ASP.NET Core's, HttpClient's) for
    /// <c>/metrics</c>, and traces (HTTP, the Kafka provider's process spans, Orleans grain calls, the user_stats write); both also to OTLP when <c>Telemetry:Otlp:Endpoint</c> is set.
    /// </summary>
    public static IHostApplicationBuilder AddCineMatchTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var telemetry = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddMeter(StatisticsMetrics.MeterName, KafkaLagMonitor.MeterName, "Microsoft.Orleans")
                    .AddPrometheusExporter();
                if (telemetry.OtlpEndpoint is { } endpoint)
                {
                    metrics.AddOtlpExporter(otlp => otlp.Endpoint = endpoint);
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(http => http.Filter = context => !context.Request.Path.StartsWithSegments("/metrics"))
                    .AddHttpClientInstrumentation()
                    .AddSource(GatewayTelemetry.SourceName, KafkaTracing.SourceName, StatisticsTracing.SourceName, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application");
                if (telemetry.OtlpEndpoint is { } endpoint)
                {
                    tracing.AddOtlpExporter(otlp => otlp.Endpoint = endpoint);
                }
            });
        return builder;
    }
}
