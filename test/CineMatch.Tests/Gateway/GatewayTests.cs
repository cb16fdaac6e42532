using CineMatch.Hosting;
using CineMatch.Wire;
using Microsoft.AspNetCore.Builder;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CineMatch.Silo.Commands;
using CineMatch.Streaming.Kafka.Embedded;
using Microsoft.Extensions.DependencyInjection;
using CineMatch.Tests.Support;

namespace CineMatch.Tests.Gateway;

/// <summary>The embedded server over real HTTP on loopback, as a client of the dashboard's backend sees it.</summary>
public sealed class GatewayTests : IAsyncLifetime
{
    private const string Valid = """
        {"event_type":"ADD","user_id":"gw-1","movie":{"name":"Heat","year":1995,"rating":5,"genres":["Crime"],"date":"2026-01-19"},"timestamp":"2026-01-19T21:04:11.532871+01:00"}
        """;

    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var port = SiloHosting.FreePort();
        _app = ServeCommand.Build(["--urls", $"http://127.0.0.1:{port}", "--Silo:Port", SiloHosting.FreePort().ToString(), "--Silo:GatewayPort", SiloHosting.FreePort().ToString()]);
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostAsync(string json) =>
        _http.PostAsync("/events", new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task An_accepted_event_shows_up_in_the_users_statistics_and_the_trends()
    {
        var response = await PostAsync(Valid);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        await Eventually.TrueAsync(async () => (await _http.GetAsync("/user-stats/gw-1")).StatusCode == HttpStatusCode.OK, "user_stats of gw-1");
        var stats = await _http.GetFromJsonAsync<JsonElement>("/user-stats/gw-1");
        Assert.Equal(1, stats.GetProperty("total_watched").GetInt32());
        Assert.Equal("Crime", stats.GetProperty("favorite_genre").GetString());

        await Eventually.TrueAsync(
            async () => (await _http.GetFromJsonAsync<JsonElement>("/trends/global")).GetProperty("total_entries").GetInt64() == 1,
            "the trends to count the entry");
        // The default event log is the embedded Kafka broker: the lag endpoint shows the record consumed.
        var lag = "";
        await Eventually.TrueAsync(
            async () =>
            {
                lag = await _http.GetStringAsync("/kafka/lag");
                return JsonDocument.Parse(lag).RootElement.EnumerateArray()
                    .Any(p => p.GetProperty("processed").GetInt64() >= 1 && p.GetProperty("lag").GetInt64() == 0);
            },
            TimeSpan.FromSeconds(20),
            () => $"the partition's processed offset to pass the record; lag: {lag}");
        var trends = await _http.GetFromJsonAsync<JsonElement>("/trends/global");
        Assert.Equal("global_trends", trends.GetProperty("type").GetString());
        Assert.Equal("Heat", trends.GetProperty("top_movies")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_array_with_one_bad_item_is_refused_whole_and_names_the_item()
    {
        var bad = """{"event_type":"EXPLODE","user_id":"gw-2","movie":{"name":"Heat"},"timestamp":"2026-01-19T21:04:11+01:00"}""";
        var response = await PostAsync($"[{Valid.Replace("gw-1", "gw-2")}, {bad}]");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.False(errors.TryGetProperty("[0]", out _));
        Assert.Contains("EXPLODE", errors.GetProperty("[1]")[0].GetString());

        // A later event of the same user follows the refused ones in the user's ordered stream (same key, same
        // partition): once it is counted, anything of the refused array that had been written would be too.
        var later = Valid.Replace("gw-1", "gw-2").Replace("\"Heat\",\"year\":1995", "\"Alien\",\"year\":1979");
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(later)).StatusCode);
        await Eventually.TrueAsync(async () => (await _http.GetAsync("/user-stats/gw-2")).StatusCode == HttpStatusCode.OK, "user_stats of gw-2 after the later event");
        var stats = await _http.GetFromJsonAsync<JsonElement>("/user-stats/gw-2");
        Assert.Equal(1, stats.GetProperty("total_watched").GetInt32()); // Alien only: Heat of the refused array was never written
    }

    [Fact]
    public async Task With_the_broker_gone_an_event_is_refused_with_503_not_lost_silently()
    {
        await _app.Services.GetRequiredService<EmbeddedKafkaBroker>().DisposeAsync();

        var response = await PostAsync(Valid.Replace("gw-1", "gw-9"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("""{"event_type":"ADD","movie":{"name":"Heat"},"timestamp":"2026-01-19T21:04:11+01:00"}""", "user_id")]
    [InlineData("""{"event_type":"ADD","user_id":"gw-3","movie":{"name":"Heat"},"timestamp":"yesterday"}""", "timestamp")]
    [InlineData("""{"event_type":"ADD","user_id":"gw-3","movie":{"name":"Heat","rating":"five"},"timestamp":"2026-01-19T21:04:11+01:00"}""", "movie.rating")]
    public async Task Bad_events_get_400_with_problem_details_naming_the_bad_field(string body, string field)
    {
        var response = await PostAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        var error = Assert.Single(problem.GetProperty("errors").GetProperty("event").EnumerateArray()).GetString();
        Assert.Contains(field, error);
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_400_with_problem_details_saying_so()
    {
        var response = await PostAsync("not json at all");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains("not JSON", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_gets_400_with_problem_details_even_where_no_field_is_read()
    {
        var text = Encoding.UTF8.GetBytes(Valid.Trim().Replace("\"gw-1\"", "\"gw-4\",\"note\":\"@\""));
        var at = Array.IndexOf(text, (byte)'@');
        text[at] = 0xFF;

        var response = await _http.PostAsync("/events", new ByteArrayContent(text) { Headers = { ContentType = new("application/json") } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains("not UTF-8", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_event_too_large_for_the_log_gets_400_naming_it_not_503_retry_later()
    {
        var huge = Valid.Replace("\"Heat\"", "\"" + new string('x', 1_100_000) + "\"").Replace("gw-1", "gw-5");

        var response = await PostAsync($"[{Valid.Replace("gw-1", "gw-5")}, {huge}]");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("bytes", problem.GetProperty("errors").GetProperty("[1]")[0].GetString());
        Assert.False(problem.GetProperty("errors").TryGetProperty("[0]", out _));
    }

    [Fact]
    public async Task An_event_the_log_accepts_is_accepted_inside_an_array_too_however_deeply_it_nests()
    {
        // 64 levels with the root object, the reader's limit: fine as a record, one level deeper inside an array body.
        var nested = new string('[', 63) + new string(']', 63);
        var deep = Valid.Trim().Replace("\"gw-1\"", $"\"gw-6\",\"extra\":{nested}");
        Assert.True(EventParser.Parse(deep).IsValid);

        var response = await PostAsync($"[{deep}]");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_users_get_404_health_reports_the_bundled_catalog_and_the_dashboard_is_served()
    {
        var dashboard = await _http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Orleans Dashboard", await dashboard.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/user-stats/nobody")).StatusCode);
        var health = await _http.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal(3200, health.GetProperty("catalog_films").GetInt32());
        Assert.Equal("kafka", health.GetProperty("event_log").GetString());
    }
}
