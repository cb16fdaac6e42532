using System.Text.Json.Nodes;
using CineMatch.Persistence.MongoDB;
using CineMatch.Silo.Commands;
using CineMatch.Statistics.MongoDB.Reconcile;
using CineMatch.Tests.MongoDB;
using CineMatch.Wire;
using Microsoft.Extensions.Configuration;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Tests.Reconcile;

/// <summary>The reconcile command against one test database, as an operator runs it, and the report it left.</summary>
/// <param name="settings">Configuration besides the cluster id (<c>Statistics:WriteAffinities</c>, ...).</param>
public sealed class ReconcileRun(MongoServer server, IMongoDatabase database, string clusterId, IReadOnlyDictionary<string, string?>? settings = null)
{
    public StringWriter Progress { get; } = new();

    /// <summary>Runs <c>reconcile</c> with these extra arguments; returns the exit code and the run's report.</summary>
    public async Task<(int ExitCode, JsonObject Report)> RunAsync(params string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Orleans:ClusterId"] = clusterId })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var before = await ReportIdsAsync();
        var exitCode = await ReconcileCommand.RunAsync(
            ["--mongo", server.ConnectionString, "--database", database.DatabaseNamespace.DatabaseName, .. args], configuration, Progress);
        var report = (await Reports().Find(FilterDefinition<BsonDocument>.Empty).ToListAsync()).Single(document => !before.Contains(document["_id"].AsString));
        return (exitCode, BsonJson.FromBson<JsonObject>(report, DocumentJson.Options)!);
    }

    /// <summary>The names the report gives: "users", "films" and "affinities" entries as "id status field,field".</summary>
    public static List<string> Named(JsonObject report, string list, string idField) =>
        [.. report[list]!.AsArray().Select(item => $"{item![idField]} {item["status"]} {string.Join(",", item["fields"]!.AsArray().Select(field => (string)field!))}".TrimEnd())];

    private IMongoCollection<BsonDocument> Reports() => database.GetCollection<BsonDocument>(ReconcileCollections.Reports);

    private async Task<HashSet<string>> ReportIdsAsync() =>
        [.. (await Reports().Find(FilterDefinition<BsonDocument>.Empty).ToListAsync()).Select(document => document["_id"].AsString)];
}
