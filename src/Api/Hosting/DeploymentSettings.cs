using Microsoft.Extensions.Configuration;

namespace CineMatch.Api.Hosting;

/// <summary>
/// Which servers this process uses, read from configuration. With no connection string set, everything
/// stays in this process (the embedded default).
/// </summary>
public sealed record DeploymentSettings
{
    public const string DefaultClusterId = "cinematch";

    public string? MongoConnectionString { get; init; }

    public string MongoDatabase { get; init; } = "cinematch_db";

    public string ClusterId { get; init; } = DefaultClusterId;

    public int SiloPort { get; init; } = 11111;

    public int GatewayPort { get; init; } = 30000;

    /// <summary>The address other silos and clients reach this one at (a pod IP); by default the host's own.</summary>
    public string? AdvertisedIP { get; init; }

    public bool UsesMongoDB => !string.IsNullOrWhiteSpace(MongoConnectionString);

    /// <summary><c>Mongo:ConnectionString</c> (or the environment variable <c>CINEMATCH_MONGO</c>), <c>Mongo:Database</c>, <c>Orleans:ClusterId</c>, <c>Silo:Port</c>, <c>Silo:GatewayPort</c>, <c>Silo:AdvertisedIP</c>.</summary>
    public static DeploymentSettings From(IConfiguration configuration) => new()
    {
        MongoConnectionString = configuration["Mongo:ConnectionString"] ?? configuration["CINEMATCH_MONGO"],
        MongoDatabase = configuration["Mongo:Database"] ?? "cinematch_db",
        ClusterId = configuration["Orleans:ClusterId"] ?? DefaultClusterId,
        SiloPort = configuration.GetValue("Silo:Port", 11111),
        GatewayPort = configuration.GetValue("Silo:GatewayPort", 30000),
        AdvertisedIP = configuration["Silo:AdvertisedIP"],
    };
}
