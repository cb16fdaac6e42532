using CineMatch.Statistics.MongoDB.Sinks;
using CineMatch.Persistence.MongoDB.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
        services.AddMongoDBGrainStorage("cinematch", options => options.ConnectionString = connectionString);
        using var provider = services.BuildServiceProvider();

        var sinks = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MongoDBSinkOptions>>().Value);
        var storage = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<MongoDBGrainStorageOptions>>().Get("cinematch"));
        Assert.Contains(reason, sinks.Message);
        Assert.Contains("'cinematch'", storage.Message);
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

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MongoDBSinkOptions>>().Value);
    }
}
