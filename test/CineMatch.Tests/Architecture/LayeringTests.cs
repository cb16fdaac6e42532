using System.Reflection;
using System.Xml.Linq;
using CineMatch.Tests.Packaging;

namespace CineMatch.Tests.Architecture;

/// <summary>
/// The dependency rules of the README's layout: the grains' contracts depend on nothing of ours, the grains on
/// their contracts only, the two Orleans providers on Orleans and their client library only (they are published
/// as packages), and nothing depends on the two hosts. A reference that breaks a rule fails here, naming it.
/// </summary>
public sealed class LayeringTests
{
    /// <summary>Which of our projects each project may reference; every project under src/ must be listed.</summary>
    private static readonly Dictionary<string, string[]> AllowedProjects = new()
    {
        ["Grains.Abstractions"] = [],
        ["Grains"] = ["Grains.Abstractions"],
        ["Streaming.Kafka"] = [],
        ["Persistence.MongoDB"] = [],
        ["Statistics.MongoDB"] = ["Grains", "Grains.Abstractions", "Persistence.MongoDB"],
        ["Hosting"] = ["Grains", "Grains.Abstractions", "Streaming.Kafka", "Persistence.MongoDB", "Statistics.MongoDB"],
        ["Silo"] = ["Hosting"],
        ["Api"] = ["Hosting"],
    };

    /// <summary>The packages a published provider may depend on (prefixes): what a user of the package gets with it.</summary>
    private static readonly Dictionary<string, string[]> AllowedPackagesOfProviders = new()
    {
        ["Streaming.Kafka"] = ["Microsoft.Orleans.", "Confluent.Kafka", "Microsoft.Extensions."],
        ["Persistence.MongoDB"] = ["Microsoft.Orleans.", "MongoDB.Driver", "Microsoft.Extensions."],
    };

    private static string SourceRoot => Path.Combine(PackedSample.RepositoryRoot, "src");

    private static IEnumerable<string> ReferencesOf(string project, string item) =>
        XDocument.Load(Path.Combine(SourceRoot, project, $"{project}.csproj"))
            .Descendants(item)
            .Select(reference => reference.Attribute("Include")!.Value);

    private static string ProjectName(string projectReference) =>
        Path.GetFileNameWithoutExtension(projectReference.Replace('\\', '/'));

    [Fact]
    public void Every_project_under_src_has_a_rule()
    {
        var projects = Directory.GetDirectories(SourceRoot)
            .Where(directory => Directory.EnumerateFiles(directory, "*.csproj").Any())
            .Select(Path.GetFileName)
            .Order();

        Assert.Equal(AllowedProjects.Keys.Order(), projects);
    }

    [Fact]
    public void Projects_reference_only_the_layers_below_them()
    {
        var forbidden = AllowedProjects
            .SelectMany(rule => ReferencesOf(rule.Key, "ProjectReference")
                .Select(ProjectName)
                .Where(reference => !rule.Value.Contains(reference))
                .Select(reference => $"{rule.Key} -> {reference} (allowed: {string.Join(", ", rule.Value.DefaultIfEmpty("none of ours"))})"))
            .ToList();

        Assert.True(forbidden.Count == 0, "forbidden project references:\n" + string.Join("\n", forbidden));
    }

    [Fact]
    public void The_published_providers_depend_on_Orleans_and_their_client_library_only()
    {
        var forbidden = AllowedPackagesOfProviders
            .SelectMany(rule => ReferencesOf(rule.Key, "PackageReference")
                .Where(package => !rule.Value.Any(package.StartsWith))
                .Select(package => $"{rule.Key} -> package {package}"))
            .ToList();

        Assert.True(forbidden.Count == 0, "packages a provider must not bring to its users:\n" + string.Join("\n", forbidden));
    }

    /// <summary>
    /// The same rules on the compiled assemblies, which also catch a reference that arrives through another
    /// route than the project file (a package, a copied dll).
    /// </summary>
    [Theory]
    [InlineData("CineMatch.Grains.Abstractions")]
    [InlineData("CineMatch.Grains", "CineMatch.Grains.Abstractions")]
    [InlineData("CineMatch.Streaming.Kafka")]
    [InlineData("CineMatch.Persistence.MongoDB")]
    public void Compiled_assemblies_reference_only_the_layers_below_them(string assembly, params string[] allowed)
    {
        var ours = Assembly.Load(assembly).GetReferencedAssemblies()
            .Select(reference => reference.Name!)
            .Where(name => name.StartsWith("CineMatch.", StringComparison.Ordinal))
            .Where(name => !allowed.Contains(name))
            .ToList();

        Assert.True(ours.Count == 0, $"{assembly} references {string.Join(", ", ours)}");
    }
}
