using System.Net;
using CineMatch.Streaming.Kafka.Embedded;
using CineMatch.Tests.Gateway;
using CineMatch.Tests.MongoDB;

namespace CineMatch.Tests.Observability;

/// <summary><c>/health/ready</c> follows the broker: unhealthy (503, ProblemDetails) while it is cut off, healthy when it is back.</summary>
public sealed class KafkaReadinessTests
{
    [Fact]
    public async Task Readiness_turns_unhealthy_when_the_broker_goes_away_and_healthy_when_it_returns()
    {
        await using var broker = new EmbeddedKafkaBroker();
        broker.CreateTopic("user-movie-events", 8);
        await using var link = new CuttableLink(System.Net.IPEndPoint.Parse(broker.BootstrapServers));
        await using var server = await GatewayServer.StartAsync("--Kafka:BootstrapServers", link.Endpoint.ToString());

        var ready = await Readiness.AwaitAsync(server, HttpStatusCode.OK, "ready with the broker up");
        Assert.Equal("Healthy", Readiness.CheckStatus(ready, "kafka"));
        Assert.Equal("Healthy", Readiness.CheckStatus(ready, "cluster"));
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/health/live")).StatusCode);

        link.Cut();
        var away = await Readiness.AwaitAsync(server, HttpStatusCode.ServiceUnavailable, "not ready with the broker cut off");
        Assert.Equal("Unhealthy", Readiness.CheckStatus(away, "kafka"));
        Assert.Equal(503, away.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/health")).StatusCode);

        link.Restore();
        var back = await Readiness.AwaitAsync(server, HttpStatusCode.OK, "ready again with the broker back");
        Assert.Equal("Healthy", Readiness.CheckStatus(back, "kafka"));
    }
}
