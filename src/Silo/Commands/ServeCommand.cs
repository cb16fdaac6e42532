using CineMatch.Catalog;
using CineMatch.Events;
using CineMatch.Hosting.Gateway;
using CineMatch.Hosting;
using CineMatch.Silo.Demo;
using CineMatch.Streaming.Kafka.Monitoring;
using Orleans.Dashboard;

namespace CineMatch.Silo.Commands;

/// <summary>
/// The server: a silo and the gateway in one process. <c>--catalog FILE</c> replaces the bundled catalog;
/// <c>--demo</c> feeds it a realistic stream. Other arguments (<c>--urls</c>, configuration keys) go to the host.
/// </summary>
public static class ServeCommand
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

        var (settings, broker) = SiloHosting.WithEmbeddedKafka(DeploymentSettings.From(builder.Configuration));
        if (broker is not null)
        {
            // Disposed with the host, after the silo and the publisher have stopped.
            builder.Services.AddSingleton(broker);
        }

        builder.UseOrleans(silo =>
        {
            SiloHosting.ConfigureSilo(silo, settings);
            silo.AddDashboard();
        });
        builder.Services.AddCineMatchGateway(settings);
        if (options.Has("--demo"))
        {
            builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
            builder.Services.AddHostedService<DemoTraffic>();
        }

        var app = builder.Build();
        if (settings.EventLog == EventLog.Kafka && !settings.UsesEmbeddedKafka && !settings.UsesMongoDB)
        {
            app.Logger.LogWarning(
                "Kafka at {Brokers} with grain state in memory: a restart resumes from the committed offsets with empty lists. Set Mongo:ConnectionString (CINEMATCH_MONGO) for durable state.",
                settings.KafkaBootstrapServers);
        }

        app.UseExceptionHandler();
        app.MapCineMatchGateway();
        app.MapOrleansDashboard(routePrefix: "/dashboard");
        app.MapGet("/health", (LiveCatalog liveCatalog) => Results.Ok(new { status = "ok", catalog_films = liveCatalog.Count, event_log = settings.EventLog.ToString().ToLowerInvariant() }));
        if (settings.EventLog == EventLog.Kafka)
        {
            app.MapGet("/kafka/lag", (IKafkaLagMonitor lag) => Results.Ok(lag.GetLag()));
        }

        return app;
    }
}
