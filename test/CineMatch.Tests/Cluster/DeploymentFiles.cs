using System.Reflection;
using CineMatch.Hosting;
using CineMatch.Hosting.Catalog;
using CineMatch.Tests.Packaging;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace CineMatch.Tests.Cluster;

/// <summary>The deployment files under cluster/, read as plain YAML trees, and the settings the programs know.</summary>
public static class DeploymentFiles
{
    public static string Root { get; } = PackedSample.RepositoryRoot;

    public static string ClusterDirectory { get; } = Path.Combine(Root, "cluster");

    /// <summary>Configuration keys a silo or the gateway reads (<c>:</c>-separated, compared ignoring case).</summary>
    private static readonly HashSet<string> KnownKeys = CollectKnownKeys();

    // Whole sections passed through as they are (librdkafka properties, log levels) and the host's own variables.
    private static readonly string[] KnownPrefixes = ["Kafka:Properties:", "Logging:", "ASPNETCORE_", "DOTNET_"];

    private static readonly IDeserializer Yaml = new DeserializerBuilder().Build();

    /// <summary>Every document of a YAML file (merge keys <c>&lt;&lt;</c> applied), as dictionaries, lists and strings.</summary>
    public static IReadOnlyList<Dictionary<object, object>> LoadDocuments(string path)
    {
        using var reader = new StreamReader(path);
        var parser = new MergingParser(new Parser(reader));
        parser.Consume<StreamStart>();
        var documents = new List<Dictionary<object, object>>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (Yaml.Deserialize<Dictionary<object, object>>(parser) is { } document)
            {
                documents.Add(document);
            }
        }

        return documents;
    }

    public static Dictionary<object, object> Map(this Dictionary<object, object> node, string key) =>
        node.TryGetValue(key, out var value) && value is Dictionary<object, object> map ? map : [];

    public static List<object> List(this Dictionary<object, object> node, string key) =>
        node.TryGetValue(key, out var value) && value is List<object> list ? list : [];

    public static string? Text(this Dictionary<object, object> node, string key) =>
        node.TryGetValue(key, out var value) ? value as string : null;

    public static IEnumerable<Dictionary<object, object>> Maps(this IEnumerable<object> items) => items.OfType<Dictionary<object, object>>();

    /// <summary>Whether an environment variable (<c>__</c> for <c>:</c>) names a setting the programs read.</summary>
    public static bool IsKnownSetting(string variable)
    {
        var key = variable.Replace("__", ":", StringComparison.Ordinal);
        return KnownKeys.Contains(key) || KnownPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }

    private static HashSet<string> CollectKnownKeys()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in typeof(DeploymentSettings).GetProperties())
        {
            if (property.GetCustomAttribute<ConfigurationKeyNameAttribute>() is { } name)
            {
                keys.Add(name.Name);
            }
        }

        keys.Add(KubernetesHosting.EnabledKey);
        // The pod's facts Orleans' Kubernetes hosting reads from the environment (POD_NAME, ORLEANS_CLUSTER_ID, ...).
        foreach (var field in typeof(KubernetesHostingOptions).GetFields().Where(field => field.IsLiteral && field.Name.EndsWith("EnvironmentVariable", StringComparison.Ordinal)))
        {
            keys.Add((string)field.GetRawConstantValue()!);
        }

        AddSection(keys, StatisticsOptions.Section, typeof(StatisticsOptions));
        AddSection(keys, CatalogOptions.Section, typeof(CatalogOptions));
        AddSection(keys, SiloHosting.MembershipSection, typeof(ClusterMembershipOptions));
        return keys;
    }

    private static void AddSection(HashSet<string> keys, string section, Type options)
    {
        foreach (var property in options.GetProperties().Where(property => property.CanWrite))
        {
            keys.Add($"{section}:{property.Name}");
        }
    }
}
