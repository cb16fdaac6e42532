using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using CineMatch.Hosting.Observability;
using CineMatch.Tests.Gateway;
using CineMatch.Tests.Support;

namespace CineMatch.Tests.Observability;

/// <summary>
/// A client's trace continues through <c>POST /events</c> into the span that writes the events to the log, and on
/// through Kafka's record headers and the stream delivery to the grain's <c>user_stats</c> write.
/// </summary>
public sealed class TraceTests
{
    [Fact]
    public async Task The_publish_span_belongs_to_the_callers_trace()
    {
        var published = new ConcurrentQueue<Activity>();
        using var listener = Listen(GatewayTelemetry.SourceName, published);
        await using var server = await GatewayServer.StartAsync();
        var trace = await PostTracedEventAsync(server, "tr-1");

        await Eventually.TrueAsync(
            () => published.Any(span => span.TraceId == trace),
            TimeSpan.FromSeconds(20),
            () => $"a publish span in the caller's trace {trace}; spans seen: {string.Join(", ", published.Select(s => $"{s.DisplayName} {s.Id} parent {s.ParentId}"))}");
        var span = published.First(s => s.TraceId == trace);
        Assert.Equal(ActivityKind.Producer, span.Kind);
        Assert.Equal("user-movie-events", span.GetTagItem("messaging.destination.name"));
    }

    [Fact]
    public async Task The_callers_trace_reaches_the_user_stats_write_through_Kafka()
    {
        var written = new ConcurrentQueue<Activity>();
        using var listener = Listen(StatisticsTracing.SourceName, written);
        await using var server = await GatewayServer.StartAsync();
        var trace = await PostTracedEventAsync(server, "tr-2");

        // Through the embedded broker, the partition's pulling agent and the user's grain: generous, the machine is busy.
        await Eventually.TrueAsync(
            () => written.Any(span => span.TraceId == trace),
            TimeSpan.FromSeconds(60),
            () => $"a '{StatisticsTracing.UserStatsWrite}' span in the caller's trace {trace}; spans seen: {string.Join(", ", written.Select(s => $"{s.DisplayName} {s.Id} parent {s.ParentId}"))}");
        var span = written.First(s => s.TraceId == trace);
        Assert.Equal(StatisticsTracing.UserStatsWrite, span.DisplayName);
        Assert.Equal("tr-2", span.GetTagItem("cinematch.user_id"));
    }

    private static ActivityListener Listen(string sourceName, ConcurrentQueue<Activity> stopped)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == sourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    /// <summary>Posts one event for the user from inside a caller's span; returns the caller's trace.</summary>
    private static async Task<ActivityTraceId> PostTracedEventAsync(GatewayServer server, string userId)
    {
        var trace = ActivityTraceId.CreateRandom();
        var request = new HttpRequestMessage(HttpMethod.Post, "/events")
        {
            Content = new StringContent($$"""{"event_type":"ADD","user_id":"{{userId}}","movie":{"name":"Heat","year":1995},"timestamp":"2026-01-19T21:04:11+01:00"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        // The caller's span: HttpClient sends its context as traceparent (a header set by hand would be replaced).
        using (new Activity("caller").SetParentId(trace, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start())
        {
            Assert.Equal(HttpStatusCode.Accepted, (await server.Http.SendAsync(request)).StatusCode);
        }

        return trace;
    }
}
