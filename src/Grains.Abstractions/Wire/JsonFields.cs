using System.Text.Json;

namespace CineMatch.Wire;

/// <summary>Typed reads of the event's fields, each failing with a reason that names the field's path.</summary>
internal static class JsonFields
{
    private const int ExcerptLength = 40;

    public static string RequiredString(JsonElement parent, string name, string path)
    {
        var value = Present(parent, name) ?? throw new BadEventException($"missing {path}");
        ExpectKind(value, JsonValueKind.String, path, "a string");
        var text = value.GetString()!;
        return string.IsNullOrWhiteSpace(text) ? throw new BadEventException($"{path}: empty") : text;
    }

    public static JsonElement RequiredObject(JsonElement parent, string name)
    {
        var value = Present(parent, name) ?? throw new BadEventException($"missing {name}");
        ExpectKind(value, JsonValueKind.Object, name, "an object");
        return value;
    }

    public static string? OptionalString(JsonElement parent, string name, string path)
    {
        if (Present(parent, name) is not { } value)
        {
            return null;
        }

        ExpectKind(value, JsonValueKind.String, path, "a string");
        var text = value.GetString();
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    public static int? OptionalInteger(JsonElement parent, string name, string path)
    {
        if (Present(parent, name) is not { } value)
        {
            return null;
        }

        ExpectKind(value, JsonValueKind.Number, path, "an integer");
        if (value.TryGetInt32(out var integer))
        {
            return integer;
        }

        // 4.0 is accepted as 4 (CONTRACT section 1).
        if (value.TryGetDouble(out var number) && double.IsFinite(number) && number == Math.Floor(number)
            && number >= int.MinValue && number <= int.MaxValue)
        {
            return (int)number;
        }

        throw new BadEventException($"{path}: expected an integer, got {Excerpt(value.GetRawText())}");
    }

    public static IReadOnlyList<string>? OptionalStringArray(JsonElement parent, string name, string path)
    {
        if (Present(parent, name) is not { } value)
        {
            return null;
        }

        ExpectKind(value, JsonValueKind.Array, path, "an array of strings");
        var items = new List<string>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            ExpectKind(item, JsonValueKind.String, $"{path}[{index}]", "a string");
            items.Add(item.GetString()!);
            index++;
        }

        return items;
    }

    public static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>The start of an offending value, so that a reason stays one readable line.</summary>
    public static string Excerpt(string text) => text.Length <= ExcerptLength ? text : text[..ExcerptLength] + "...";

    /// <summary>The property's value, or null when it is missing or JSON null (the same thing to the contract).</summary>
    private static JsonElement? Present(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static void ExpectKind(JsonElement value, JsonValueKind kind, string path, string expected)
    {
        if (value.ValueKind != kind)
        {
            throw new BadEventException($"{path}: expected {expected}, got {KindName(value.ValueKind)}");
        }
    }
}
