using CineMatch.Hosting;
using CineMatch.Statistics.MongoDB.Catalog;
using MongoDB.Driver;

namespace CineMatch.Silo.Commands;

/// <summary>
/// <c>import-catalog FILE [--mongo URL] [--database NAME]</c>: loads a JSON or CSV catalog into
/// <c>movies_catalog</c> with the normalized titles and the indexes the backend expects. The connection
/// string defaults to <c>Mongo:ConnectionString</c> / <c>CINEMATCH_MONGO</c>.
/// </summary>
public static class ImportCatalogCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new CommandLine(args, new HashSet<string> { "--mongo", "--database" }, new HashSet<string>());
        if (options.Rest.Count != 1)
        {
            throw new UsageException("import-catalog: name one catalog file (JSON array or CSV)");
        }

        var file = CommandLine.ExistingFile("FILE", options.Rest[0]);
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var settings = DeploymentSettings.Bind(configuration);
        var connectionString = options.Value("--mongo") ?? settings.MongoConnectionString
            ?? throw new UsageException("import-catalog: no MongoDB: pass --mongo URL or set CINEMATCH_MONGO");
        var database = options.Value("--database") ?? settings.MongoDatabase;

        IMongoDatabase db;
        try
        {
            db = new MongoClient(connectionString).GetDatabase(database);
        }
        catch (MongoConfigurationException ex)
        {
            throw new UsageException($"import-catalog: --mongo: {ex.Message}");
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var result = await new CatalogImporter().ImportAsync(file, db, timeout.Token);
        Console.WriteLine($"import-catalog: {result.Read} read, {result.Inserted} inserted, {result.Updated} updated, {result.Skipped} skipped into {database}.movies_catalog");
        return 0;
    }
}
