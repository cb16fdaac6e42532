using System.Globalization;
using System.Text;
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

    /// <summary>
    /// The time as the CineMatch backend writes its own times, Python's <c>datetime.now(ZoneInfo(zone)).isoformat()</c>,
    /// e.g. <c>2026-01-19T21:04:11.532871+01:00</c>: local time in <paramref name="zone"/>, microseconds (finer digits
    /// dropped), the <c>.ffffff</c> part left out when it is zero. The backend compares such strings as strings
    /// (CONTRACT section 6b), so any other shape (UTC, milliseconds) sorts wrongly against its own.
    /// </summary>
    public static string FormatBackendTime(DateTimeOffset time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(time, zone);
        var microseconds = local.Ticks / TimeSpan.TicksPerMicrosecond % 1_000_000;
        var offset = local.Offset;
        var text = new StringBuilder(32)
            .Append(local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        if (microseconds != 0)
        {
            text.Append('.').Append(microseconds.ToString("D6", CultureInfo.InvariantCulture));
        }

        text.Append(offset < TimeSpan.Zero ? '-' : '+').Append(offset.Duration().ToString("hh\\:mm", CultureInfo.InvariantCulture));
        if (offset.Seconds != 0)
        {
            // Python adds the seconds only when the offset has them (historical local mean times).
            text.Append(':').Append(offset.Duration().Seconds.ToString("D2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

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
