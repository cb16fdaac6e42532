using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace CineMatch.Persistence.MongoDB;

/// <summary>
/// Resolves one provider's named options when Orleans checks its configuration (silo or client start), as
/// Orleans' own providers do, so that a bad setting fails with an error naming the provider. The rules
/// themselves are the DataAnnotations on the options; this only adds the provider's name to their message.
/// </summary>
internal sealed class MongoDBOptionsStartupValidator<TOptions>(IServiceProvider services, string name) : IConfigurationValidator
    where TOptions : MongoDBConnectionOptions
{
    public void ValidateConfiguration()
    {
        try
        {
            _ = services.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name);
        }
        catch (OptionsValidationException e)
        {
            var provider = name.Length == 0 ? typeof(TOptions).Name : $"{typeof(TOptions).Name} '{name}'";
            throw new OrleansConfigurationException($"{provider}: {e.Message}", e);
        }
    }
}
