using System.Net;
using MongoDB.Bson;
using MongoDB.Driver;
using Orleans;
using Orleans.Runtime;

namespace CineMatch.Persistence.MongoDB.Clustering;

/// <summary>
/// The shapes of the membership collection: per cluster id, one version document
/// <c>{_id: "cluster/version", cluster_id, version}</c> and one row per silo
/// <c>{_id: "cluster/silo address", cluster_id, etag, status, ...}</c>, readable with any MongoDB tool.
/// </summary>
internal static class MembershipDocuments
{
    public const string VersionField = "version";
    public const string EtagField = "etag";
    public const string IAmAliveTime = "i_am_alive_time";
    private const string ClusterId = "cluster_id";
    private const string SiloAddressField = "silo_address";
    private const string Status = "status";
    private const string ProxyPort = "proxy_port";

    public static FilterDefinitionBuilder<BsonDocument> Filter => Builders<BsonDocument>.Filter;

    public static string VersionId(string clusterId) => $"{clusterId}/{VersionField}";

    public static string RowId(string clusterId, SiloAddress silo) => $"{clusterId}/{silo.ToParsableString()}";

    public static FilterDefinition<BsonDocument> ById(string id) => Filter.Eq("_id", id);

    public static FilterDefinition<BsonDocument> RowsOf(string clusterId) => Filter.Eq(ClusterId, clusterId) & Filter.Exists(SiloAddressField);

    public static FilterDefinition<BsonDocument> ActiveGatewaysOf(string clusterId) =>
        RowsOf(clusterId) & Filter.Eq(Status, nameof(SiloStatus.Active)) & Filter.Gt(ProxyPort, 0);

    public static FilterDefinition<BsonDocument> DeadBefore(string clusterId, DateTimeOffset time) =>
        RowsOf(clusterId) & Filter.Eq(Status, nameof(SiloStatus.Dead)) & Filter.Lt(IAmAliveTime, time.UtcDateTime);

    public static TableVersion ToTableVersion(BsonDocument version)
    {
        var number = version[VersionField].ToInt32();
        return new TableVersion(number, number.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public static BsonDocument ToRow(string clusterId, MembershipEntry entry, string etag) => new()
    {
        { "_id", RowId(clusterId, entry.SiloAddress) },
        { ClusterId, clusterId },
        { EtagField, etag },
        { SiloAddressField, entry.SiloAddress.ToParsableString() },
        { Status, entry.Status.ToString() },
        { ProxyPort, entry.ProxyPort },
        { "silo_name", Nullable(entry.SiloName) },
        { "host_name", Nullable(entry.HostName) },
        { "role_name", Nullable(entry.RoleName) },
        { "update_zone", entry.UpdateZone },
        { "fault_zone", entry.FaultZone },
        { "start_time", entry.StartTime.ToUniversalTime() },
        { IAmAliveTime, entry.IAmAliveTime.ToUniversalTime() },
        {
            "suspect_times",
            new BsonArray((entry.SuspectTimes ?? []).Select(s => new BsonDocument
            {
                { "silo", s.Item1.ToParsableString() },
                { "time", s.Item2.ToUniversalTime() },
            }))
        },
    };

    public static Tuple<MembershipEntry, string> ToEntry(BsonDocument row) => Tuple.Create(
        new MembershipEntry
        {
            SiloAddress = SiloAddress.FromParsableString(row[SiloAddressField].AsString),
            Status = Enum.Parse<SiloStatus>(row[Status].AsString),
            ProxyPort = row[ProxyPort].ToInt32(),
            SiloName = NullableString(row, "silo_name") ?? string.Empty,
            HostName = NullableString(row, "host_name") ?? string.Empty,
            RoleName = NullableString(row, "role_name"),
            UpdateZone = row["update_zone"].ToInt32(),
            FaultZone = row["fault_zone"].ToInt32(),
            StartTime = row["start_time"].ToUniversalTime(),
            IAmAliveTime = row[IAmAliveTime].ToUniversalTime(),
            SuspectTimes = row["suspect_times"].AsBsonArray
                .Select(s => Tuple.Create(SiloAddress.FromParsableString(s["silo"].AsString), s["time"].ToUniversalTime()))
                .ToList(),
        },
        row[EtagField].AsString);

    /// <summary>Where a client reaches a silo's gateway.</summary>
    public static Uri ToGatewayUri(BsonDocument row)
    {
        var silo = SiloAddress.FromParsableString(row[SiloAddressField].AsString);
        return SiloAddress.New(new IPEndPoint(silo.Endpoint.Address, row[ProxyPort].ToInt32()), silo.Generation).ToGatewayUri();
    }

    private static BsonValue Nullable(string? text) => text is null ? BsonNull.Value : new BsonString(text);

    private static string? NullableString(BsonDocument row, string field) =>
        row.GetValue(field, BsonNull.Value) is { IsString: true } value ? value.AsString : null;
}
