using System.Net;
using System.Text.Json;
using CineMatch.Documents;
using CineMatch.Hosting.InMemory;
using CineMatch.Hosting.Security;
using CineMatch.Streaming.Kafka.Embedded;
using CineMatch.Tests.Kafka;
using CineMatch.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CineMatch.Tests.Gateway;

/// <summary>The gateway with API keys configured: who may do what, the limits, the admin operations and the documents.</summary>
public sealed class GatewayAccessTests : IAsyncLifetime
{
    private const string IngestKey = "ingest-key-for-tests";
    private const string AdminKey = "admin-key-for-tests";
    private const int PermitsPerKey = 8;

    private static readonly string[] AdminGets = ["/admin/dead-letters", "/admin/late-events", "/dashboard"];
    private static readonly string[] AdminPosts = ["/admin/trends/flush", "/admin/dead-letters/0:1/replay"];

    private GatewayServer _server = null!;

    public async Task InitializeAsync() => _server = await GatewayServer.StartAsync(
        "--Gateway:ApiKeys:backend:Hash", ApiKeyHasher.Hash(IngestKey),
        "--Gateway:ApiKeys:backend:Roles", GatewayRoles.Ingest,
        "--Gateway:ApiKeys:sre:Hash", ApiKeyHasher.Hash(AdminKey),
        "--Gateway:ApiKeys:sre:Roles", $"{GatewayRoles.Admin},{GatewayRoles.Ingest}",
        "--Gateway:RateLimit:PermitLimit", PermitsPerKey.ToString(),
        "--Gateway:RateLimit:WindowSeconds", "3600",
        "--Gateway:MaxRequestBodyBytes", "65536",
        "--Statistics:TrendsFlushInterval", "00:00:00.200");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string Event(string user, string film = "Heat", int year = 1995) =>
        $$"""{"event_type":"ADD","user_id":"{{user}}","movie":{"name":"{{film}}","year":{{year}},"rating":5,"genres":["Crime"],"date":"2026-01-19"},"timestamp":"2026-01-19T21:04:11+01:00"}""";

    [Fact]
    public async Task Without_the_admin_role_no_admin_endpoint_nor_the_dashboard_answers()
    {
        foreach (var (method, path) in AdminGets.Select(p => (HttpMethod.Get, p)).Concat(AdminPosts.Select(p => (HttpMethod.Post, p))))
        {
            await GatewayServer.AssertProblemAsync(await _server.SendAsync(method, path), HttpStatusCode.Unauthorized, $"{method} {path} without a key");
            await GatewayServer.AssertProblemAsync(await _server.SendAsync(method, path, "not-a-key"), HttpStatusCode.Unauthorized, $"{method} {path} with an unknown key");
            await GatewayServer.AssertProblemAsync(await _server.SendAsync(method, path, IngestKey), HttpStatusCode.Forbidden, $"{method} {path} with the ingest key");
        }

        Assert.Equal(HttpStatusCode.OK, (await _server.SendAsync(HttpMethod.Get, "/dashboard", AdminKey)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _server.SendAsync(HttpMethod.Post, "/admin/trends/flush", AdminKey)).StatusCode);
    }

    [Fact]
    public async Task Posting_needs_the_ingest_role_and_public_reads_need_no_key()
    {
        await GatewayServer.AssertProblemAsync(await _server.SendAsync(HttpMethod.Post, "/events", json: Event("acc-1")), HttpStatusCode.Unauthorized, "POST /events without a key");
        Assert.Equal(HttpStatusCode.Accepted, (await _server.SendAsync(HttpMethod.Post, "/events", IngestKey, Event("acc-1"))).StatusCode);

        await Eventually.TrueAsync(async () => (await _server.SendAsync(HttpMethod.Get, "/user-stats/acc-1")).IsSuccessStatusCode, "user_stats of acc-1 without a key");
        var list = await _server.GetJsonAsync("/users/acc-1/list");
        Assert.Equal("Heat", Assert.Single(list.GetProperty("movies").EnumerateArray()).GetProperty("name").GetString());
        // The film's key is its movie_counts id (imdb id or normalized title); the trends timer writes it.
        var counts = _server.App.Services.GetRequiredService<InMemoryStatisticsStore>().MovieCounts;
        await Eventually.TrueAsync(() => counts.Count == 1, "Heat in movie_counts");
        var filmKey = counts.Keys.Single();
        var count = await _server.GetJsonAsync($"/movies/{Uri.EscapeDataString(filmKey!)}/count");
        Assert.Equal(1, count.GetProperty("users").GetInt64());

        await GatewayServer.AssertProblemAsync(await _server.SendAsync(HttpMethod.Get, "/movies/tt0000000/count"), HttpStatusCode.NotFound, "an uncounted film");
        await GatewayServer.AssertProblemAsync(await _server.SendAsync(HttpMethod.Get, "/users/nobody/list"), HttpStatusCode.NotFound, "a user without films");
        await GatewayServer.AssertProblemAsync(await _server.SendAsync(HttpMethod.Get, "/no-such-route"), HttpStatusCode.NotFound, "an unknown route");
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_and_invalid_input_400_naming_the_field()
    {
        var huge = "[" + string.Join(",", Enumerable.Repeat(Event("acc-2"), 400)) + "]";
        Assert.True(huge.Length > 65536);
        await GatewayServer.AssertProblemAsync(await _server.SendAsync(HttpMethod.Post, "/events", IngestKey, huge), HttpStatusCode.RequestEntityTooLarge, "a body over Gateway:MaxRequestBodyBytes");

        var problem = await GatewayServer.AssertProblemAsync(await _server.SendAsync(HttpMethod.Get, "/admin/dead-letters?page=0&size=lots", AdminKey), HttpStatusCode.BadRequest, "bad paging");
        Assert.Contains("page", problem.GetProperty("errors").GetProperty("page")[0].GetString());
        Assert.Contains("size", problem.GetProperty("errors").GetProperty("size")[0].GetString());
    }

    [Fact]
    public async Task A_key_over_its_rate_gets_429_while_other_keys_go_on()
    {
        for (var i = 0; i < PermitsPerKey; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _server.SendAsync(HttpMethod.Get, "/trends/global", IngestKey)).StatusCode);
        }

        var refused = await _server.SendAsync(HttpMethod.Get, "/trends/global", IngestKey);
        await GatewayServer.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests, "one request over the key's limit");
        Assert.True(refused.Headers.RetryAfter is not null, "429 without Retry-After");
        Assert.Equal(HttpStatusCode.OK, (await _server.SendAsync(HttpMethod.Get, "/trends/global", AdminKey)).StatusCode);
    }

    [Fact]
    public async Task A_dead_letter_is_listed_and_replayed_once_after_the_fix()
    {
        // As an earlier version would have set it aside: a record that the current reader takes.
        var store = _server.App.Services.GetRequiredService<InMemoryStatisticsStore>();
        await store.DeadLetterAsync(new DeadLetter { Raw = Event("acc-3"), Partition = 7, Offset = 41, Reason = "rejected before the fix", Time = "2026-01-19T20:04:11.000Z" }, CancellationToken.None);
        await store.DeadLetterAsync(new DeadLetter { Raw = "{not json", Partition = 7, Offset = 42, Reason = "not JSON", Time = "2026-01-19T20:04:12.000Z" }, CancellationToken.None);

        var page = await _server.GetJsonAsync("/admin/dead-letters?page=1&size=1", AdminKey);
        Assert.Equal(2, page.GetProperty("total").GetInt64());
        Assert.Equal("7:41", Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        var broker = _server.App.Services.GetRequiredService<EmbeddedKafkaBroker>().BootstrapServers;
        var before = FastApiRecords.HighWatermarks(broker, "user-movie-events", 8).Values.Sum();

        var first = await _server.SendAsync(HttpMethod.Post, "/admin/dead-letters/7:41/replay", AdminKey);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var second = await _server.SendAsync(HttpMethod.Post, "/admin/dead-letters/7:41/replay", AdminKey);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("published").GetBoolean());

        Assert.Equal(before + 1, FastApiRecords.HighWatermarks(broker, "user-movie-events", 8).Values.Sum());
        await Eventually.TrueAsync(async () => (await _server.SendAsync(HttpMethod.Get, "/user-stats/acc-3")).IsSuccessStatusCode, "the replayed event in acc-3's statistics");
        var listed = await _server.GetJsonAsync("/admin/dead-letters", AdminKey);
        Assert.False(string.IsNullOrEmpty(listed.GetProperty("items")[0].GetProperty("replayed_at").GetString()));

        await GatewayServer.AssertProblemAsync(await _server.SendAsync(HttpMethod.Post, "/admin/dead-letters/7:42/replay", AdminKey), HttpStatusCode.UnprocessableEntity, "a record still invalid");
        await GatewayServer.AssertProblemAsync(await _server.SendAsync(HttpMethod.Post, "/admin/dead-letters/9:9/replay", AdminKey), HttpStatusCode.NotFound, "an unknown dead letter");
    }

    [Fact]
    public async Task The_openapi_document_and_its_reference_page_are_served_from_here()
    {
        var document = await _server.GetJsonAsync("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/events", "/user-stats/{userId}", "/movies/{filmKey}/count", "/users/{userId}/list", "/admin/dead-letters", "/admin/dead-letters/{id}/replay" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from the OpenAPI document");
        }

        var page = await _server.Http.GetStringAsync("/scalar/v1");
        Assert.DoesNotContain("cdn.jsdelivr", page);
        var script = System.Text.RegularExpressions.Regex.Match(page, "src=\"([^\"]+\\.js)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(script), "no script on the reference page: " + page[..Math.Min(page.Length, 400)]);
        Assert.Equal(HttpStatusCode.OK, (await _server.Http.GetAsync(new Uri(new Uri(_server.Http.BaseAddress!, "/scalar/v1"), script))).StatusCode);
    }
}
