using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;

namespace CineMatch.Persistence.MongoDB;

public static class MongoDBServiceCollectionExtensions
{
    /// <summary>
    /// Registers (named) options of one MongoDB provider, checked with their DataAnnotations when the host starts,
    /// so every provider of this package (and an application's own MongoDB options) is validated the same way.
    /// Inside Orleans the check also runs as an <see cref="IConfigurationValidator"/>, whose error names the provider.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedMongoDBOptions<TOptions>(this IServiceCollection services, string name, Action<TOptions> configure)
        where TOptions : MongoDBConnectionOptions
    {
        services.AddTransient<IConfigurationValidator>(provider => new MongoDBOptionsStartupValidator<TOptions>(provider, name));
        return services.AddOptions<TOptions>(name).Configure(configure).ValidateDataAnnotations().ValidateOnStart();
    }
}
