using System.Globalization;
using System.Text;
using CineMatch.Streaming.Kafka.Embedded;
using CineMatch.Tests.Gateway;
using CineMatch.Tests.Kafka;
using CineMatch.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CineMatch.Tests.Observability;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    // The CineMatch meters are static: another server in this process would add to the counters this test reads.
    public const string Name = "metrics (alone)";
}

/// <summary>After a known scenario, <c>/metrics</c> (Prometheus text) holds the counts it caused.</summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsTests
{
    [Fact]
    public async Task After_three_events_and_one_bad_record_the_scrape_shows_them()
    {
        await using var server = await GatewayServer.StartAsync("--Statistics:TrendsFlushInterval", "00:00:00.200");
        var events = new[] { ("m-1", "Heat", 1995), ("m-1", "Alien", 1979), ("m-2", "Heat", 1995) }
            .Select(e => $$"""{"event_type":"ADD","user_id":"{{e.Item1}}","movie":{"name":"{{e.Item2}}","year":{{e.Item3}},"rating":4},"timestamp":"2026-01-19T21:04:11+01:00"}""");
        var posted = await server.SendAsync(HttpMethod.Post, "/events", json: "[" + string.Join(",", events) + "]");
        Assert.Equal(System.Net.HttpStatusCode.Accepted, posted.StatusCode);
        var broker = server.App.Services.GetRequiredService<EmbeddedKafkaBroker>().BootstrapServers;
        await FastApiRecords.ProduceRawAsync(broker, "user-movie-events", [(Encoding.UTF8.GetBytes("m-3"), Encoding.UTF8.GetBytes("{not an event"))]);

        var scrape = "";
        await Eventually.TrueAsync(
            async () =>
            {
                scrape = await server.Http.GetStringAsync("/metrics");
                return Sum(scrape, "cinematch_events_applied_total") == 3 && Sum(scrape, "cinematch_events_dead_lettered_total") == 1
                    && Sum(scrape, "cinematch_trends_flush_size_count") >= 1;
            },
            TimeSpan.FromSeconds(30),
            () => "3 applied, 1 dead-lettered and a flush in the scrape:\n" + string.Join("\n", scrape.Split('\n').Where(l => l.StartsWith("cinematch_", StringComparison.Ordinal))));

        Assert.Equal(3, Sum(scrape, "cinematch_events_applied_total"));
        Assert.Equal(1, Sum(scrape, "cinematch_events_dead_lettered_total"));
        Assert.True(Sum(scrape, "cinematch_trends_flush_duration_seconds_count") >= 1, "no flush duration recorded");
        Assert.Contains("cinematch_kafka_consumer_lag{", scrape);
        Assert.Contains("orleans_catalog_activation_created", scrape);
        Assert.Contains("http_server_request_duration_seconds", scrape);
    }

    /// <summary>The sum of a metric's samples over all its label sets (0 when absent).</summary>
    private static double Sum(string scrape, string metric) => scrape.Split('\n')
        .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
        .Sum(line => double.Parse(line[(line.LastIndexOf('}') + 1 is > 0 and var end ? end : metric.Length)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
}
