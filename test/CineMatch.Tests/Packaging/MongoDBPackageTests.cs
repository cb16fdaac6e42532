using System.IO.Compression;
using System.Xml.Linq;
using CineMatch.Tests.MongoDB;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Tests.Packaging;

/// <summary>
/// The MongoDB grain storage and membership as another Orleans application gets them: packed, installed into
/// samples/MongoDBPersistence from a local feed, built, and run as a one-silo cluster against the tests' MongoDB.
/// </summary>
[Trait("Category", "Packaging")]
[Collection(MongoServerCollection.Name)]
public sealed class MongoDBPackageTests(MongoServer server)
{
    [Fact]
    public async Task The_packed_provider_builds_and_runs_the_sample_against_MongoDB()
    {
        using var sample = await PackedSample.BuildAsync("src/Persistence.MongoDB/Persistence.MongoDB.csproj", "samples/MongoDBPersistence");

        var package = Assert.Single(sample.Packages);
        AssertPackageStandsAlone(package);

        string[] sampleDll = [Path.Combine(sample.SampleDirectory, "bin", "Release", "net10.0", "MongoDBPersistence.dll")];
        var unconfigured = await Assert.ThrowsAnyAsync<Exception>(() => PackedSample.RunAsync(
            "dotnet", sampleDll, sample.SampleDirectory, new Dictionary<string, string> { ["MONGODB_CONNECTION"] = "" }));
        Assert.Contains("exited with 2", unconfigured.Message);
        Assert.Contains("Set MONGODB_CONNECTION", unconfigured.Message);

        var database = MongoServer.NewDatabaseName();
        var output = await PackedSample.RunAsync(
            "dotnet",
            sampleDll,
            sample.SampleDirectory,
            new Dictionary<string, string> { ["MONGODB_CONNECTION"] = server.ConnectionString, ["MONGODB_DATABASE"] = database });

        Assert.Contains("counter = 3", output);
        Assert.Contains("after deactivation, read back from MongoDB: counter = 3", output);

        // The count is really in MongoDB, as a readable document, and the silo registered itself in the membership table.
        var db = server.Client().GetDatabase(database);
        var collections = await (await db.ListCollectionNamesAsync()).ToListAsync();
        var stateCollection = Assert.Single(collections, name => name.StartsWith("grains_", StringComparison.Ordinal));
        var stored = Assert.Single(await db.GetCollection<BsonDocument>(stateCollection).Find(FilterDefinition<BsonDocument>.Empty).ToListAsync());
        Assert.Equal(3, stored["state"]["Value"].ToInt32());
        Assert.Contains("orleans_membership", collections);
    }

    /// <summary>The package carries its README and depends on Orleans, MongoDB.Driver and Microsoft.Extensions.* only.</summary>
    private static void AssertPackageStandsAlone(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        Assert.Contains(zip.Entries, entry => entry.FullName == "README.md");

        var nuspecEntry = Assert.Single(zip.Entries, entry => entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var nuspecStream = nuspecEntry.Open();
        var nuspec = XDocument.Load(nuspecStream);
        Assert.Equal("README.md", nuspec.Descendants().Single(element => element.Name.LocalName == "readme").Value);

        var dependencies = nuspec.Descendants()
            .Where(element => element.Name.LocalName == "dependency")
            .Select(element => (string)element.Attribute("id")!)
            .Distinct()
            .ToList();
        Assert.Contains("MongoDB.Driver", dependencies);
        Assert.Contains("Microsoft.Orleans.Server", dependencies);
        Assert.All(dependencies, id => Assert.True(
            id.StartsWith("Microsoft.Orleans.", StringComparison.Ordinal) || id.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) || id == "MongoDB.Driver",
            $"the package depends on {id}; it may depend on Orleans, MongoDB.Driver and Microsoft.Extensions.* only"));
    }
}
