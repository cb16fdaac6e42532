using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CineMatch.Tests.Support;

/// <summary>
/// Field-level differences between two JSON documents, with a path for each, so that a failing golden
/// comparison says which user, which field and which value rather than "documents differ". Numbers compare
/// by value (4 equals 4.0), as the golden files are written by Python.
/// </summary>
internal static class GoldenJsonDiff
{
    public static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected, actual)
        {
            case (null, null):
                return;
            case (JsonObject want, JsonObject have):
                foreach (var (name, value) in want)
                {
                    if (!have.ContainsKey(name))
                    {
                        differences.Add($"{path}.{name}: missing (expected {Text(value)})");
                    }
                    else
                    {
                        Compare(value, have[name], $"{path}.{name}", differences);
                    }
                }

                foreach (var (name, value) in have.Where(field => !want.ContainsKey(field.Key)))
                {
                    differences.Add($"{path}.{name}: not expected (got {Text(value)})");
                }

                return;
            case (JsonArray want, JsonArray have):
                if (want.Count != have.Count)
                {
                    differences.Add($"{path}: {want.Count} item(s) expected, got {have.Count}");
                }

                for (var i = 0; i < Math.Min(want.Count, have.Count); i++)
                {
                    Compare(want[i], have[i], $"{path}[{i}]", differences);
                }

                return;
            case (JsonValue want, JsonValue have) when SameValue(want, have):
                return;
            default:
                differences.Add($"{path}: expected {Text(expected)}, got {Text(actual)}");
                return;
        }
    }

    private static bool SameValue(JsonValue expected, JsonValue actual) =>
        expected.GetValueKind() == JsonValueKind.Number && actual.GetValueKind() == JsonValueKind.Number
            ? Number(expected) == Number(actual)
            : JsonNode.DeepEquals(expected, actual);

    private static decimal Number(JsonValue value) =>
        decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Text(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length > 160 ? text[..160] + "…" : text;
    }
}
