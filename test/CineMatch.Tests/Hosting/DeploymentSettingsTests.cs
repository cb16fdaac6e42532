using CineMatch.Hosting;
using CineMatch.Silo.Commands;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CineMatch.Tests.Hosting;

/// <summary>The keys the README documents, read as a silo on a server reads them: from environment variables.</summary>
public sealed class DeploymentSettingsTests
{
    [Fact]
    public void Nothing_set_is_the_embedded_default()
    {
        var settings = DeploymentSettings.Bind(new ConfigurationBuilder().Build());

        Assert.False(settings.UsesMongoDB);
        Assert.True(settings.UsesEmbeddedKafka);
        Assert.Equal(EventLogKind.Kafka, settings.EventLog);
        Assert.Equal("cinematch_db", settings.MongoDatabase);
        Assert.Equal("user-movie-events", settings.KafkaTopic);
        Assert.Equal("cinematch-stats", settings.KafkaConsumerGroup);
        Assert.Equal(8, settings.KafkaPartitions);
        Assert.Equal("cinematch", settings.ClusterId);
        Assert.Equal((11111, 30000), (settings.SiloPort, settings.GatewayPort));
        Assert.Null(settings.AdvertisedIP);
    }

    [Fact]
    public void Every_documented_key_is_read_from_the_environment_by_the_helper_and_by_the_options_alike()
    {
        var configuration = FromEnvironment(new Dictionary<string, string>
        {
            ["CINEMATCH_MONGO"] = "mongodb://db:27017",
            ["Mongo__Database"] = "stats",
            ["EventLog"] = "Memory",
            ["CINEMATCH_KAFKA"] = "k1:9092,k2:9092",
            ["Kafka__Topic"] = "events",
            ["Kafka__ConsumerGroup"] = "group",
            ["Kafka__Partitions"] = "3",
            ["Kafka__Properties__security.protocol"] = "SASL_SSL",
            ["Orleans__ClusterId"] = "prod",
            ["Silo__Port"] = "2001",
            ["Silo__GatewayPort"] = "2002",
            ["Silo__AdvertisedIP"] = "10.0.0.7",
        });

        var bound = DeploymentSettings.Bind(configuration);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.AddDeploymentSettings();
        using var host = builder.Build();
        var options = host.Services.GetRequiredService<IOptions<DeploymentSettings>>().Value;

        foreach (var settings in new[] { bound, options })
        {
            Assert.Equal("mongodb://db:27017", settings.MongoConnectionString);
            Assert.Equal("stats", settings.MongoDatabase);
            Assert.Equal(EventLogKind.Memory, settings.EventLog);
            Assert.Equal("k1:9092,k2:9092", settings.KafkaBootstrapServers);
            Assert.Equal("events", settings.KafkaTopic);
            Assert.Equal("group", settings.KafkaConsumerGroup);
            Assert.Equal(3, settings.KafkaPartitions);
            Assert.Equal("SASL_SSL", Assert.Single(settings.KafkaProperties, p => p.Key == "security.protocol").Value);
            Assert.Equal("prod", settings.ClusterId);
            Assert.Equal((2001, 2002), (settings.SiloPort, settings.GatewayPort));
            Assert.Equal("10.0.0.7", settings.AdvertisedIP);
        }
    }

    [Fact]
    public void The_long_keys_win_over_the_short_variables()
    {
        var settings = DeploymentSettings.Bind(FromEnvironment(new Dictionary<string, string>
        {
            ["CINEMATCH_MONGO"] = "mongodb://short",
            ["Mongo__ConnectionString"] = "mongodb://long",
            ["CINEMATCH_KAFKA"] = "short:9092",
            ["Kafka__BootstrapServers"] = "long:9092",
        }));

        Assert.Equal("mongodb://long", settings.MongoConnectionString);
        Assert.Equal("long:9092", settings.KafkaBootstrapServers);
    }

    [Theory]
    [InlineData("Kafka:Partitions", "0")]
    [InlineData("Kafka:Topic", "")]
    [InlineData("Silo:Port", "70000")]
    [InlineData("Silo:AdvertisedIP", "pod-7")]
    [InlineData("Silo:GatewayPort", "11111")]
    public void A_bad_setting_stops_the_server_before_it_starts_and_names_the_key(string key, string value)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => ServeCommand.Build([$"--{key}", value]));

        Assert.Contains(key, failure.Message);
    }

    [Theory]
    [InlineData("Demo:Users", "0")]
    [InlineData("Catalog:RefreshInterval", "-00:01:00")]
    [InlineData("Statistics:TrendsFlushInterval", "00:00:00")]
    public async Task A_bad_demo_catalog_or_statistics_setting_stops_the_server_at_start_and_names_the_key(string key, string value)
    {
        await using var app = ServeCommand.Build(
            ["--demo", "--urls", $"http://127.0.0.1:{SiloHosting.FreePort()}", "--Silo:Port", $"{SiloHosting.FreePort()}", "--Silo:GatewayPort", $"{SiloHosting.FreePort()}", $"--{key}", value]);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(key, failure.Message);
    }

    // Environment variables as a server sets them, under a prefix of this test's own so parallel tests see none of them.
    private static IConfiguration FromEnvironment(Dictionary<string, string> variables)
    {
        var prefix = $"CMTEST_{Guid.NewGuid():N}_";
        foreach (var (name, value) in variables)
        {
            Environment.SetEnvironmentVariable(prefix + name, value);
        }

        try
        {
            return new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();
        }
        finally
        {
            foreach (var name in variables.Keys)
            {
                Environment.SetEnvironmentVariable(prefix + name, null);
            }
        }
    }
}
