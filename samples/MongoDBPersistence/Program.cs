using System.Net;
using System.Net.Sockets;
using CineMatch.Persistence.MongoDB.Clustering;
using CineMatch.Persistence.MongoDB.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MongoDBPersistence;
using Orleans.Configuration;

// A one-silo Orleans cluster whose membership table and grain state live in MongoDB.
var connectionString = Environment.GetEnvironmentVariable("MONGODB_CONNECTION");
if (string.IsNullOrWhiteSpace(connectionString))
{
    Console.Error.WriteLine("Set MONGODB_CONNECTION to a MongoDB URL, e.g. MONGODB_CONNECTION=mongodb://localhost:27017");
    return 2;
}

var databaseName = Environment.GetEnvironmentVariable("MONGODB_DATABASE") is { Length: > 0 } database ? database : "orleans_sample";

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.UseOrleans(silo => silo
    .Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = ("mongodb-sample", "mongodb-sample"))
    // Free ports, so the sample runs next to anything else on the machine.
    .ConfigureEndpoints(IPAddress.Loopback, FreePort(), FreePort())
    .UseMongoDBClustering(options =>
    {
        options.ConnectionString = connectionString;
        options.DatabaseName = databaseName;
    })
    .AddMongoDBGrainStorageAsDefault(options =>
    {
        options.ConnectionString = connectionString;
        options.DatabaseName = databaseName;
    }));

using var host = builder.Build();
await host.StartAsync();

var counter = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICounterGrain>("sample");
for (var i = 0; i < 3; i++)
{
    await counter.Increment();
}

// A fresh database prints 3; run the sample again and it carries on from there.
Console.WriteLine($"counter = {await counter.Get()}");

await counter.Deactivate();
Console.WriteLine($"after deactivation, read back from MongoDB: counter = {await counter.Get()}");

await host.StopAsync();
return 0;

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
