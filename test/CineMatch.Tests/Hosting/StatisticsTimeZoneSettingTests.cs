using CineMatch.Hosting;
using CineMatch.Silo.Commands;
using Microsoft.Extensions.Options;

namespace CineMatch.Tests.Hosting;

/// <summary>Statistics:TimeZone names the backend's zone; a zone this machine does not know stops the server at start.</summary>
public sealed class StatisticsTimeZoneSettingTests
{
    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData(" ")]
    public async Task An_unknown_time_zone_stops_the_server_at_start_and_says_what_to_set(string zone)
    {
        await using var app = ServeCommand.Build(
            ["--demo", "--urls", $"http://127.0.0.1:{SiloHosting.FreePort()}", "--Silo:Port", $"{SiloHosting.FreePort()}", "--Silo:GatewayPort", $"{SiloHosting.FreePort()}", "--Statistics:TimeZone", zone]);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Statistics:TimeZone", failure.Message);
        Assert.Contains("Europe/Rome", failure.Message);
    }

    [Fact]
    public void The_default_zone_is_the_backends()
    {
        var options = new StatisticsOptions();

        Assert.Equal("Europe/Rome", options.TimeZone);
        Assert.Equal("Europe/Rome", options.ResolveTimeZone().Id);
        Assert.True(options.WriteAffinities);
    }
}
