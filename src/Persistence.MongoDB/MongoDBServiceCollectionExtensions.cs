using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CineMatch.Persistence.MongoDB;

public static class MongoDBServiceCollectionExtensions
{
    /// <summary>Registers (named) options of one provider, validated when the host starts.</summary>
    public static OptionsBuilder<TOptions> AddValidatedMongoDBOptions<TOptions>(this IServiceCollection services, string name, Action<TOptions> configure)
        where TOptions : MongoDBConnectionOptions
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, MongoDBOptionsValidator<TOptions>>());
        return services.AddOptions<TOptions>(name).Configure(configure).ValidateOnStart();
    }
}
