using CineMatch.Hosting;
using CineMatch.Silo.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CineMatch.Tests.Support;

/// <summary>
/// The server of <c>dotnet run --project src/Silo</c>, started in this process with the HTTP port chosen by the
/// operating system when it binds (no window in which another process can take a port picked beforehand).
/// </summary>
public sealed class ServerUnderTest : IAsyncDisposable
{
    private ServerUnderTest(WebApplication app, Uri address) => (App, Address) = (app, address);

    public WebApplication App { get; }

    /// <summary>Where the gateway listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    public static async Task<ServerUnderTest> StartAsync(params string[] arguments)
    {
        var app = ServeCommand.Build([
            "--urls", "http://127.0.0.1:0",
            "--Silo:Port", SiloHosting.FreePort().ToString(),
            "--Silo:GatewayPort", SiloHosting.FreePort().ToString(),
            .. arguments]);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new ServerUnderTest(app, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
    }

    public HttpClient CreateClient(TimeSpan? timeout = null) => new() { BaseAddress = Address, Timeout = timeout ?? TimeSpan.FromSeconds(100) };

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
