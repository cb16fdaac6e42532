using CineMatch.Catalog;
using CineMatch.Hosting;
using CineMatch.Hosting.Bootstrap;
using CineMatch.Statistics.MongoDB.Catalog;
using CineMatch.Statistics.MongoDB.Reconcile;
using CineMatch.Statistics.MongoDB.Sinks;
using CineMatch.Sinks;
using MongoDB.Driver;

namespace CineMatch.Silo.Commands;

/// <summary>
/// <c>reconcile [--apply] [--mongo URL] [--database NAME] [--users ID,...]</c>: recomputes every statistics document
/// from <c>movies</c> and <c>movies_catalog</c>, reports drift to <c>reconcile_reports</c> and, with <c>--apply</c>,
/// corrects it (<c>user_affinities</c> too, unless <c>Statistics:WriteAffinities</c> is false) and has a running cluster (found through MongoDB clustering, as the gateway finds it) adopt it.
/// Exit codes: 0 no drift, or drift corrected; 1 drift found and not corrected; 2 error.
/// </summary>
public static partial class ReconcileCommand
{
    public const int DriftNotApplied = 1;
    private const int AdoptionConcurrency = 16;
    private static readonly TimeSpan ClusterConnectTimeout = TimeSpan.FromSeconds(20);

    public static Task<int> RunAsync(string[] args) =>
        RunAsync(args, new ConfigurationBuilder().AddEnvironmentVariables().Build(), Console.Error);

    /// <param name="configuration">Where the connection, database and cluster id come from when no option names them.</param>
    /// <param name="progressOut">Progress goes here: a bar on a terminal, plain lines otherwise.</param>
    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter progressOut)
    {
        var options = new CommandLine(args, new HashSet<string> { "--mongo", "--database", "--users" }, new HashSet<string> { "--apply" });
        if (options.Rest.Count > 0)
        {
            throw new UsageException($"reconcile: unknown argument {options.Rest[0]}");
        }

        var settings = DeploymentSettings.Bind(configuration);
        settings.MongoConnectionString = options.Value("--mongo") ?? settings.MongoConnectionString
            ?? throw new UsageException("reconcile: no MongoDB: pass --mongo URL or set CINEMATCH_MONGO");
        settings.MongoDatabase = options.Value("--database") ?? settings.MongoDatabase;
        IReadOnlyCollection<string>? users = options.Value("--users") is { } list
            ? [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)]
            : null;
        var apply = options.Has("--apply");
        // As the silo reads them: whether user_affinities is written at all, and the zone of its updated_at.
        var statistics = configuration.GetSection(StatisticsOptions.Section).Get<StatisticsOptions>() ?? new StatisticsOptions();

        using var services = BuildServices(settings);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("CineMatch.Reconcile");
        try
        {
            var database = new MongoClient(settings.MongoConnectionString).GetDatabase(settings.MongoDatabase);
            var catalog = new CatalogIndex(await services.GetRequiredService<ICatalogSource>().LoadAsync(CancellationToken.None));
            var store = new MongoReconcileStore(database);
            var service = new ReconcileService(store, catalog, services.GetRequiredService<IUserStatsSink>(), services.GetRequiredService<IUserAffinitySink>(),
                statistics, services.GetRequiredService<ITrendsSink>(), TimeProvider.System, services.GetRequiredService<ILogger<ReconcileService>>());

            await using var cluster = apply ? await ClusterConnection.TryConnectAsync(settings, ClusterConnectTimeout, logger) : null;
            var adoption = cluster is null ? null : new GrainClusterAdoption(cluster.Grains, AdoptionConcurrency, $"cluster {settings.ClusterId}");
            var progress = ReconcileProgress.For(progressOut, IsTerminal(progressOut));
            var report = await service.RunAsync(new ReconcileRequest(apply, users), progress, adoption, CancellationToken.None);
            Console.WriteLine(report.SummaryLine(DateTimeOffset.UtcNow - report.StartedAt));
            return report.HasDrift && !apply ? DriftNotApplied : 0;
        }
        catch (Exception ex) when (ex is MongoException or TimeoutException or InvalidOperationException or FormatException)
        {
            LogFailed(logger, ex);
            Console.Error.WriteLine($"reconcile: {ex.Message}");
            return UsageException.ExitCode;
        }
    }

    private static bool IsTerminal(TextWriter writer) =>
        (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected) || (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected);

    private static ServiceProvider BuildServices(DeploymentSettings settings)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Information).AddFilter("Orleans", LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddMongoDBStatisticsSinks(settings.ConfigureMongoConnection);
        services.AddOptions<MongoDBCatalogOptions>().Configure(settings.ConfigureMongoConnection);
        services.AddSingleton<ICatalogSource, MongoCatalogSource>();
        return services.BuildServiceProvider();
    }

    [LoggerMessage(EventId = 6500, Level = LogLevel.Error, Message = "Reconcile failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
