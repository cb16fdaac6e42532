using CineMatch.Persistence.MongoDB;
using CineMatch.Sinks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CineMatch.Statistics.MongoDB.Sinks;

public static class MongoDBSinkExtensions
{
    /// <summary>
    /// Sends the statistics documents to MongoDB: registers <see cref="IUserStatsSink"/>, <see cref="IUserAffinitySink"/>, <see cref="ITrendsSink"/>
    /// and <see cref="IRejectedEventSink"/>, replacing any earlier registration (such as the in-memory ones).
    /// </summary>
    public static IServiceCollection AddMongoDBStatisticsSinks(this IServiceCollection services, Action<MongoDBSinkOptions> configure)
    {
        services.AddValidatedMongoDBOptions(Options.DefaultName, configure);
        services.AddSingleton<PersistentWriter>();
        services.Replace(ServiceDescriptor.Singleton<IUserStatsSink, MongoUserStatsSink>());
        services.Replace(ServiceDescriptor.Singleton<IUserAffinitySink, MongoUserAffinitySink>());
        services.Replace(ServiceDescriptor.Singleton<ITrendsSink, MongoTrendsSink>());
        services.Replace(ServiceDescriptor.Singleton<IRejectedEventSink, MongoRejectedEventSink>());
        return services;
    }
}
