using CineMatch.Events;
using CineMatch.Hosting.Gateway;
using CineMatch.Hosting;
using CineMatch.Hosting.Observability;
using CineMatch.Hosting.Security;
using CineMatch.Silo.Demo;
using CineMatch.Streaming.Kafka.Monitoring;
using Orleans.Dashboard;

namespace CineMatch.Silo.Commands;

/// <summary>
/// The server: a silo and the gateway in one process. <c>--catalog FILE</c> replaces the bundled catalog;
/// <c>--demo</c> feeds it a realistic stream. Other arguments (<c>--urls</c>, configuration keys) go to the host.
/// </summary>
public static partial class ServeCommand
{
    public const string DefaultUrl = "http://localhost:5080";

    public static async Task<int> RunAsync(string[] args)
    {
        await using var app = Build(args);
        await app.RunAsync();
        return 0;
    }

    /// <summary>The server, built but not started. <c>Silo:Port</c> and <c>Silo:GatewayPort</c> move the silo off its default ports.</summary>
    public static WebApplication Build(string[] args)
    {
        var options = new CommandLine(args, new HashSet<string> { "--catalog" }, new HashSet<string> { "--demo" });
        var builder = WebApplication.CreateBuilder([.. options.Rest]);
        if (options.Value("--catalog") is { } catalog)
        {
            builder.Configuration["Catalog:File"] = CommandLine.ExistingFile("--catalog", catalog);
        }

        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var settings = builder.AddDeploymentSettings();
        // Only a log that outlives this process can replay into empty lists after a restart.
        var stateLostOnRestart = settings.EventLog == EventLogKind.Kafka && !settings.UsesEmbeddedKafka && !settings.UsesMongoDB;
        builder.AddEmbeddedKafkaWhenNoBrokers(settings);
        builder.UseOrleans(silo =>
        {
            SiloHosting.ConfigureSilo(silo, settings);
            silo.AddDashboard();
            silo.AddActivityPropagation();
        });
        builder.Services.AddCineMatchGateway(settings);
        builder.AddCineMatchTelemetry("cinematch-silo");
        if (options.Has("--demo"))
        {
            builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
            builder.Services.AddHostedService<DemoTraffic>();
        }

        var app = builder.Build();
        if (stateLostOnRestart)
        {
            LogStateInMemory(app.Logger, settings.KafkaBootstrapServers);
        }

        app.UseCineMatchGateway();
        app.MapOrleansDashboard(routePrefix: "/dashboard").RequireAuthorization(GatewayRoles.Admin);
        if (settings.EventLog == EventLogKind.Kafka)
        {
            app.MapGet("/kafka/lag", (IKafkaLagMonitor lag) => Results.Ok(lag.GetLag()));
        }

        return app;
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Kafka at {Brokers} with grain state in memory: a restart resumes from the committed offsets with empty lists. Set Mongo:ConnectionString (CINEMATCH_MONGO) for durable state.")]
    private static partial void LogStateInMemory(ILogger logger, string? brokers);
}
