using System.Net;
using System.Text;
using System.Text.Json;
using CineMatch.Hosting;
using CineMatch.Silo.Commands;
using CineMatch.Tests.Support;
using Microsoft.AspNetCore.Builder;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace CineMatch.Tests.Page;

/// <summary>
/// The live trends page at <c>/</c> in headless Chromium against the embedded server over loopback: events
/// posted to the gateway reach the page's Top 10, genres and totals without a reload.
/// </summary>
public sealed class TrendsPageTests(ITestOutputHelper output) : IAsyncLifetime
{
    // An inline SVG poster: the catalog's poster_url shown without a network.
    private const string HeatPoster = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='46' height='68'%3E%3Crect width='46' height='68' fill='%23c0392b'/%3E%3C/svg%3E";

    private static readonly TimeSpan PageDeadline = TimeSpan.FromSeconds(45);

    private readonly string _catalog = Path.Combine(Path.GetTempPath(), $"cinematch-page-catalog-{Guid.NewGuid():N}.json");
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private Uri _site = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_catalog, JsonSerializer.Serialize(new object[]
        {
            new { title = "Heat", year = 1995, genres = new[] { "Crime", "Thriller" }, poster_url = HeatPoster },
            new { title = "Alien", year = 1979, genres = new[] { "Horror", "Sci-Fi" }, poster_url = (string?)null },
            new { title = "Amélie", year = 2001, genres = new[] { "Comedy", "Romance" }, poster_url = (string?)null },
        }));
        var port = SiloHosting.FreePort();
        _site = new Uri($"http://127.0.0.1:{port}/");
        _app = ServeCommand.Build([
            "--urls", _site.ToString().TrimEnd('/'), "--catalog", _catalog,
            "--Silo:Port", SiloHosting.FreePort().ToString(), "--Silo:GatewayPort", SiloHosting.FreePort().ToString(),
            "--Statistics:TrendsFlushInterval", "00:00:00.500"]);
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = _site };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        File.Delete(_catalog);
    }

    [Fact]
    public async Task The_page_shows_the_top_10_genres_and_totals_and_follows_new_events_without_a_reload()
    {
        using var chromium = new HeadlessChromium();
        var page = chromium.Driver;
        page.Navigate().GoToUrl(_site);
        var shown = await ShownWhenAsync(page, trends => trends.Status == "live", "the page to receive its first update");
        Assert.Empty(shown.TopMovies);
        // Set once: a reload would lose it.
        page.ExecuteScript("window.loadedOnce = 'yes';");

        await PostAsync(Add("page-1", "Heat", 1995), Add("page-2", "Heat", 1995), Add("page-3", "Alien", 1979));
        shown = await ShownWhenAsync(page, trends => trends.Ranking.SequenceEqual(["Heat 2", "Alien 1"]), "the Top 10 to show Heat 2, Alien 1");
        Assert.Equal("3", shown.TotalUsers);
        Assert.Equal("3", shown.TotalEntries);
        Assert.Equal(HeatPoster, shown.TopMovies[0].Poster);
        Assert.Null(shown.TopMovies[1].Poster); // Alien has no poster in the catalog: a placeholder, no broken image
        Assert.Contains("Crime", shown.Genres);
        Assert.Contains("Horror", shown.Genres);
        await ShownWhenAsync(page, trends => trends.LastFlush != "not yet", "the page to show the time of the first flush");

        // Alien overtakes Heat: the order and the counts change on the page that is already open.
        await PostAsync(Add("page-4", "Alien", 1979), Add("page-5", "Alien", 1979), Add("page-6", "Amélie", 2001));
        shown = await ShownWhenAsync(page, trends => trends.Ranking.SequenceEqual(["Alien 3", "Heat 2", "Amélie 1"]), "the Top 10 to show Alien 3, Heat 2, Amélie 1");
        Assert.Equal("6", shown.TotalUsers);
        Assert.Contains("Comedy", shown.Genres);
        Assert.Equal("yes", page.ExecuteScript("return window.loadedOnce;"));

        var screenshot = Path.Combine(TestArtifacts.Directory, "trends-page.png");
        page.GetScreenshot().SaveAsFile(screenshot);
        output.WriteLine($"Screenshot of the live trends page: {screenshot}");
        Console.WriteLine($"Screenshot of the live trends page: {screenshot}");
    }

    [Fact]
    public async Task The_page_and_its_stream_are_served_with_their_media_types_and_the_stream_starts_with_the_trends()
    {
        var html = await _http.GetAsync("/");
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/trends/page/trends.js", await html.Content.ReadAsStringAsync());
        Assert.Equal("text/javascript", (await _http.GetAsync("/trends/page/trends.js")).Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/css", (await _http.GetAsync("/trends/page/trends.css")).Content.Headers.ContentType?.MediaType);

        using var stream = await _http.GetAsync("/trends/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        var eventLine = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var dataLine = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("event: trends", eventLine);
        Assert.StartsWith("data: ", dataLine);
        var update = JsonDocument.Parse(dataLine!["data: ".Length..]).RootElement;
        Assert.Equal("global_trends", update.GetProperty("trends").GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, update.GetProperty("last_flush_at").ValueKind);
    }

    private static string Add(string user, string title, int year) =>
        $$"""{"event_type":"ADD","user_id":"{{user}}","movie":{"name":"{{title}}","year":{{year}},"rating":4,"date":"2026-01-19"},"timestamp":"2026-01-19T21:04:11.532871+01:00"}""";

    private async Task PostAsync(params string[] events)
    {
        var response = await _http.PostAsync("/events", new StringContent($"[{string.Join(",", events)}]", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task<ShownTrends> ShownWhenAsync(IJavaScriptExecutor page, Func<ShownTrends, bool> condition, string awaited)
    {
        var shown = ShownTrends.Read(page);
        await Eventually.TrueAsync(() => condition(shown = ShownTrends.Read(page)), PageDeadline, () => $"{awaited}; the page shows {shown}");
        return shown;
    }
}
