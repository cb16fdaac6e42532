using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CineMatch.Hosting;
using CineMatch.Silo.Commands;
using Microsoft.AspNetCore.Builder;

namespace CineMatch.Tests.Gateway;

/// <summary>The embedded server (<c>serve</c>) on free loopback ports, with extra configuration, and an HTTP client for it.</summary>
public sealed class GatewayServer : IAsyncDisposable
{
    private GatewayServer(WebApplication app, HttpClient http)
    {
        App = app;
        Http = http;
    }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public static async Task<GatewayServer> StartAsync(params string[] configuration)
    {
        var port = SiloHosting.FreePort();
        var app = ServeCommand.Build([
            "--urls", $"http://127.0.0.1:{port}",
            "--Silo:Port", SiloHosting.FreePort().ToString(),
            "--Silo:GatewayPort", SiloHosting.FreePort().ToString(),
            .. configuration]);
        await app.StartAsync();
        return new GatewayServer(app, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key = null, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return Http.SendAsync(request);
    }

    /// <summary>Asserts the status and that the body is ProblemDetails for it; returns the body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{what}: expected {(int)status}, got {(int)response.StatusCode} {body}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{what}: not ProblemDetails: '{response.Content.Headers.ContentType}' {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), $"{what}: problem without a title");
        return problem;
    }

    public async Task<JsonElement> GetJsonAsync(string path, string? key = null)
    {
        var response = await SendAsync(HttpMethod.Get, path, key);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
