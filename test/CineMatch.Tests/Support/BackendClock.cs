using System.Globalization;
using System.Text.RegularExpressions;

namespace CineMatch.Tests.Support;

/// <summary>
/// The backend's own timestamps (<c>datetime.now(ZoneInfo("Europe/Rome")).isoformat()</c>), written here independently
/// of the production formatter: .NET's <c>ffffff</c> and <c>zzz</c>, then Python's rule of leaving out zero microseconds.
/// </summary>
public static partial class BackendClock
{
    public static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    /// <summary>What the backend stamps into <c>users.data_updated_at</c> right now.</summary>
    public static string Now() => Format(DateTimeOffset.UtcNow, Rome);

    public static string Format(DateTimeOffset time, TimeZoneInfo zone)
    {
        // Whole microseconds: Python's clock has no finer digits.
        var truncated = new DateTimeOffset(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);
        var text = TimeZoneInfo.ConvertTime(truncated, zone).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);
        return text.Replace(".000000", "", StringComparison.Ordinal);
    }

    /// <summary><c>2026-01-19T21:04:11.532871+01:00</c> or, with zero microseconds, <c>2026-01-19T21:04:11+01:00</c>.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?[+-]\d{2}:\d{2}$")]
    public static partial Regex Shape();
}
