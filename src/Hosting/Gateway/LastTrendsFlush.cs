using CineMatch.Hosting.InMemory;
using CineMatch.Statistics.MongoDB;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Hosting.Gateway;

/// <summary>
/// When the trends were last written (<c>global_stats.updated_at</c> as stored), for the live page. The grain's
/// snapshot is live and says nothing about its last write: the written document does. It lives in this process
/// (the embedded default's in-memory store) or in MongoDB; a gateway with neither knows no flush time.
/// </summary>
internal sealed class LastTrendsFlush(IServiceProvider services)
{
    private readonly Lazy<IMongoCollection<BsonDocument>?> _globalStats = new(() => OpenGlobalStats(services));

    public async Task<string?> ReadAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<InMemoryStatisticsStore>() is { } store)
        {
            return store.GlobalStats?.UpdatedAt;
        }

        if (_globalStats.Value is not { } collection)
        {
            return null;
        }

        var stored = await collection
            .Find(Builders<BsonDocument>.Filter.Eq("type", Documents.GlobalStatsDocument.TrendsType))
            .Project(Builders<BsonDocument>.Projection.Include("updated_at").Exclude("_id"))
            .FirstOrDefaultAsync(cancellationToken);
        return stored?.GetValue("updated_at", BsonNull.Value) switch
        {
            BsonString text => text.Value,
            BsonDateTime time => Wire.DocumentJson.Format(time.ToUniversalTime()),
            _ => null,
        };
    }

    private static IMongoCollection<BsonDocument>? OpenGlobalStats(IServiceProvider services)
    {
        var settings = services.GetRequiredService<IOptions<DeploymentSettings>>().Value;
        return settings.UsesMongoDB
            ? new MongoClient(settings.MongoConnectionString).GetDatabase(settings.MongoDatabase).GetCollection<BsonDocument>(CollectionNames.GlobalStats)
            : null;
    }
}
