using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using CineMatch.Hosting.Observability;
using CineMatch.Tests.Gateway;
using CineMatch.Tests.Support;

namespace CineMatch.Tests.Observability;

/// <summary>A client's trace continues through <c>POST /events</c> into the span that writes the events to the log.</summary>
public sealed class TraceTests
{
    [Fact]
    public async Task The_publish_span_belongs_to_the_callers_trace()
    {
        var published = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GatewayTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = published.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var server = await GatewayServer.StartAsync();
        var trace = ActivityTraceId.CreateRandom();

        var request = new HttpRequestMessage(HttpMethod.Post, "/events")
        {
            Content = new StringContent("""{"event_type":"ADD","user_id":"tr-1","movie":{"name":"Heat","year":1995},"timestamp":"2026-01-19T21:04:11+01:00"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        // The caller's span: HttpClient sends its context as traceparent (a header set by hand would be replaced).
        using (new Activity("caller").SetParentId(trace, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start())
        {
            Assert.Equal(HttpStatusCode.Accepted, (await server.Http.SendAsync(request)).StatusCode);
        }

        await Eventually.TrueAsync(
            () => published.Any(span => span.TraceId == trace),
            TimeSpan.FromSeconds(20),
            () => $"a publish span in the caller's trace {trace}; spans seen: {string.Join(", ", published.Select(s => $"{s.DisplayName} {s.Id} parent {s.ParentId}"))}");
        var span = published.First(s => s.TraceId == trace);
        Assert.Equal(ActivityKind.Producer, span.Kind);
        Assert.Equal("user-movie-events", span.GetTagItem("messaging.destination.name"));
    }
}
