using CineMatch.Persistence.MongoDB;
using CineMatch.Persistence.MongoDB.Clustering;
using CineMatch.Persistence.MongoDB.Storage;
using CineMatch.Statistics.MongoDB.Sinks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace CineMatch.Tests.MongoDB;

/// <summary>A provider without a usable connection is refused when its options are first used (at host start, with ValidateOnStart).</summary>
public sealed class MongoOptionsTests
{
    [Theory]
    [InlineData(null, "set ConnectionString or Client")]
    [InlineData("http://localhost", "not a MongoDB URL")]
    public void Unusable_connection_settings_are_rejected_with_the_reason(string? connectionString, string reason)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMongoDBStatisticsSinks(options => options.ConnectionString = connectionString);
        services.AddMongoDBGrainStorage("cinematch", options => (options.ConnectionString, options.DatabaseName) = (connectionString, "orleans"));
        using var provider = services.BuildServiceProvider();

        var sinks = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MongoDBSinkOptions>>().Value);
        var storage = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<MongoDBGrainStorageOptions>>().Get("cinematch"));
        Assert.Contains(reason, sinks.Message);
        Assert.Contains(reason, storage.Message);
        Assert.Equal("cinematch", storage.OptionsName);
    }

    [Fact]
    public void Orleans_start_up_check_names_the_provider_whose_options_are_bad()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMongoDBGrainStorage("good", options => (options.ConnectionString, options.DatabaseName) = ("mongodb://localhost", "orleans"));
        services.AddMongoDBGrainStorage("cinematch", options => (options.ConnectionString, options.DatabaseName) = ("http://localhost", "orleans"));
        using var provider = services.BuildServiceProvider();

        var failures = provider.GetServices<IConfigurationValidator>()
            .Select(validator => Record.Exception(validator.ValidateConfiguration))
            .OfType<OrleansConfigurationException>()
            .ToList();

        var failure = Assert.Single(failures);
        Assert.Contains("MongoDBGrainStorageOptions 'cinematch'", failure.Message);
        Assert.Contains("not a MongoDB URL", failure.Message);
    }

    [Fact]
    public void The_package_has_no_default_database_but_CineMatch_parts_use_cinematch_db()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMongoDBStatisticsSinks(options => options.ConnectionString = "mongodb://localhost");
        services.AddMongoDBGrainStorage("cinematch", options => options.ConnectionString = "mongodb://localhost");
        services.AddValidatedMongoDBOptions<MongoDBClusteringOptions>(Options.DefaultName, options => options.ConnectionString = "mongodb://localhost");
        using var provider = services.BuildServiceProvider();

        Assert.Equal("cinematch_db", provider.GetRequiredService<IOptions<MongoDBSinkOptions>>().Value.DatabaseName);
        var storage = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<MongoDBGrainStorageOptions>>().Get("cinematch"));
        var clustering = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MongoDBClusteringOptions>>().Value);
        Assert.Contains("DatabaseName is required", storage.Message);
        Assert.Contains("DatabaseName is required", clustering.Message);
    }

    [Fact]
    public void Retry_delays_must_grow_from_a_positive_first_delay()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMongoDBStatisticsSinks(options =>
        {
            options.ConnectionString = "mongodb://localhost";
            options.FirstRetryDelay = TimeSpan.FromSeconds(5);
            options.MaxRetryDelay = TimeSpan.FromSeconds(1);
        });
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MongoDBSinkOptions>>().Value);
        Assert.Contains("FirstRetryDelay <= MaxRetryDelay", failure.Message);
    }
}
