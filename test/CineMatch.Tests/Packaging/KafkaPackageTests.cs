using System.IO.Compression;
using System.Xml.Linq;

namespace CineMatch.Tests.Packaging;

/// <summary>
/// The Kafka stream provider as another Orleans application gets it: packed, installed into samples/KafkaStreams
/// from a local feed, and run. The sample starts the package's embedded broker, produces 100 records and waits
/// for its implicitly subscribed grains to count them.
/// </summary>
[Trait("Category", "Packaging")]
public sealed class KafkaPackageTests
{
    [Fact]
    public async Task The_packed_provider_carries_its_readme_depends_on_no_CineMatch_project_and_streams_records_to_grains_in_the_sample()
    {
        using var packed = await PackedSample.BuildAsync("src/Streaming.Kafka/Streaming.Kafka.csproj", "samples/KafkaStreams");

        var package = Assert.Single(packed.Packages);
        using (var zip = ZipFile.OpenRead(package))
        {
            Assert.Contains(zip.Entries, entry => entry.FullName == "README.md");
            var nuspec = Assert.Single(zip.Entries, entry => entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
            XDocument manifest;
            using (var stream = nuspec.Open())
            {
                manifest = XDocument.Load(stream);
            }

            var dependencies = manifest.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).ToList();
            Assert.Contains("Confluent.Kafka", dependencies);
            Assert.DoesNotContain(dependencies, id => id.StartsWith("CineMatch", StringComparison.OrdinalIgnoreCase));
            Assert.Equal("README.md", manifest.Descendants().Single(e => e.Name.LocalName == "readme").Value);
        }

        var dll = Path.Combine(packed.SampleDirectory, "bin", "Release", "net10.0", "KafkaStreams.dll");
        var output = await PackedSample.RunAsync("dotnet", [dll, "--Count", "100", "--TimeoutSeconds", "90"], packed.SampleDirectory);

        Assert.Contains("received 100 of 100", output);
    }
}
