using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CineMatch.Wire;

/// <summary>How the documents are stored: the field names and time format the dashboard reads (CONTRACT sections 4-5).</summary>
public static class DocumentJson
{
    // Milliseconds and "Z", like JavaScript's toISOString(): the dashboard parses it with new Date().
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>
    /// snake_case names, nulls written, as the documents are stored. Dictionary keys stay as they are
    /// (genre names, the "1" "2" "3" "5" of <c>best_rated_*</c>); "⭐1" is written as is, not escaped.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>ISO-8601 in UTC with milliseconds, e.g. <c>2026-01-19T20:04:11.532Z</c> (finer digits are dropped).</summary>
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }
}
