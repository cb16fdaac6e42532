using System.Globalization;

namespace CineMatch.Wire;

/// <summary>
/// The ISO-8601 date-times the backend writes: Python's <c>isoformat()</c> (microseconds, <c>+01:00</c>),
/// JavaScript's <c>toISOString()</c> (milliseconds, <c>Z</c>), with <c>T</c> or a space between date and time.
/// </summary>
public static class IsoDateTime
{
    // 'K' takes "Z", "+01:00" or nothing; ".FFFFFFF" takes no fraction or up to 7 digits (100 ns ticks).
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd' 'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd' 'HH:mmK",
    ];

    private static readonly string[] DateOrDateTimeFormats = ["yyyy-MM-dd", .. DateTimeFormats];

    /// <summary>A date-time; one written without an offset is taken as UTC (see <see cref="EventParser"/>).</summary>
    public static bool TryParseDateTime(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);

    /// <summary>
    /// A watch date (<c>YYYY-MM-DD</c> or a date-time) as the clock read where it was written: the offset, if
    /// any, is dropped and nothing is converted (CONTRACT section 4).
    /// </summary>
    public static bool TryParseLocal(string? text, out DateTime local)
    {
        local = default;
        if (text is null ||
            !DateTimeOffset.TryParseExact(text.Trim(), DateOrDateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        local = parsed.DateTime;
        return true;
    }
}
