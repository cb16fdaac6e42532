using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;
using Orleans.Configuration;
using Orleans.Messaging;
using static CineMatch.Persistence.MongoDB.Clustering.MembershipDocuments;

namespace CineMatch.Persistence.MongoDB.Clustering;

/// <summary>Lets an Orleans client find the gateways of the active silos in the membership collection.</summary>
internal sealed class MongoGatewayListProvider(
    IOptions<MongoDBClusteringOptions> options,
    IOptions<ClusterOptions> clusterOptions,
    IOptions<GatewayOptions> gatewayOptions) : IGatewayListProvider
{
    private readonly IMongoCollection<BsonDocument> _table =
        options.Value.GetDatabase().GetCollection<BsonDocument>(options.Value.CollectionName);

    public TimeSpan MaxStaleness => gatewayOptions.Value.GatewayListRefreshPeriod;

    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => Task.CompletedTask;

    public async Task<IList<Uri>> GetGateways()
    {
        var rows = await _table.Find(ActiveGatewaysOf(clusterOptions.Value.ClusterId)).ToListAsync();
        return rows.Select(ToGatewayUri).ToList();
    }
}
