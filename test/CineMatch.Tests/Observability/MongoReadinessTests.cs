using System.Net;
using CineMatch.Tests.Gateway;
using CineMatch.Tests.MongoDB;

namespace CineMatch.Tests.Observability;

/// <summary><c>/health/ready</c> follows MongoDB: unhealthy while the link to it is cut, healthy when it is restored.</summary>
[Collection(MongoServerCollection.Name)]
public sealed class MongoReadinessTests(MongoServer mongo)
{
    [Fact]
    public async Task Readiness_turns_unhealthy_when_mongodb_goes_away_and_healthy_when_it_returns()
    {
        await using var link = new CuttableLink(mongo.Endpoint);
        await using var server = await GatewayServer.StartAsync(
            "--EventLog", "Memory",
            "--Mongo:ConnectionString", mongo.Via(link.Endpoint),
            "--Mongo:Database", MongoServer.NewDatabaseName());

        var ready = await Readiness.AwaitAsync(server, HttpStatusCode.OK, "ready with MongoDB up");
        Assert.Equal("Healthy", Readiness.CheckStatus(ready, "mongodb"));

        link.Cut();
        var away = await Readiness.AwaitAsync(server, HttpStatusCode.ServiceUnavailable, "not ready with MongoDB cut off");
        Assert.Equal("Unhealthy", Readiness.CheckStatus(away, "mongodb"));

        link.Restore();
        var back = await Readiness.AwaitAsync(server, HttpStatusCode.OK, "ready again with MongoDB back");
        Assert.Equal("Healthy", Readiness.CheckStatus(back, "mongodb"));
    }
}
