using CineMatch.Events;
using CineMatch.Hosting.Gateway;
using CineMatch.Hosting;
using CineMatch.Hosting.Observability;
using CineMatch.Persistence.MongoDB.Clustering;
using Orleans.Configuration;

// The gateway on its own: an Orleans client in front of a silo cluster, found through MongoDB when
// Mongo:ConnectionString / CINEMATCH_MONGO is set, else on localhost. (The embedded default hosts the
// same endpoints inside the silo process: `dotnet run --project src/Silo`.)
var builder = WebApplication.CreateBuilder(args);
var settings = builder.AddDeploymentSettings();
if (settings.UsesEmbeddedKafka)
{
    throw new InvalidOperationException("The gateway alone needs Kafka:BootstrapServers (or CINEMATCH_KAFKA), or EventLog=Memory.");
}

builder.UseOrleansClient(client =>
{
    if (settings.UsesMongoDB)
    {
        client.Configure<ClusterOptions>(settings.ConfigureCluster);
        client.UseMongoDBClustering(settings.ConfigureMongoConnection);
    }
    else
    {
        client.UseLocalhostClustering(settings.GatewayPort);
    }

    client.AddActivityPropagation();

    if (settings.EventLog == EventLogKind.Memory)
    {
        client.AddMemoryStreams(StreamNames.Provider);
    }
});
builder.Services.AddCineMatchGateway(settings);
builder.AddCineMatchTelemetry("cinematch-gateway");

var app = builder.Build();
app.UseCineMatchGateway();
app.Run();
