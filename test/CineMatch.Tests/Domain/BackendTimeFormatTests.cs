using CineMatch.Tests.Support;
using CineMatch.Wire;

namespace CineMatch.Tests.Domain;

/// <summary>
/// <c>updated_at</c> in the backend's own format (CONTRACT section 6b): the backend compares it, as a string, with
/// its Europe/Rome <c>isoformat()</c> times to decide whether a user is still "syncing". The expected strings are
/// Python's output for the same instants.
/// </summary>
public sealed class BackendTimeFormatTests
{
    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso + "Z", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-01-19T20:04:11.532871", "2026-01-19T21:04:11.532871+01:00")] // winter: +01:00
    [InlineData("2026-07-01T10:00:00.000001", "2026-07-01T12:00:00.000001+02:00")] // summer: +02:00
    [InlineData("2026-01-19T20:04:11", "2026-01-19T21:04:11+01:00")] // zero microseconds: no fraction at all
    [InlineData("2026-10-25T00:59:59.5", "2026-10-25T02:59:59.500000+02:00")] // trailing zeros of a fraction stay
    [InlineData("2026-03-29T00:59:59.999999", "2026-03-29T01:59:59.999999+01:00")] // last instant before the spring change
    [InlineData("2026-03-29T01:00:00", "2026-03-29T03:00:00+02:00")] // first instant after it
    [InlineData("2026-10-25T01:00:00", "2026-10-25T02:00:00+01:00")] // first instant after the autumn change
    public void Times_are_Pythons_isoformat_in_Rome(string utc, string expected) =>
        Assert.Equal(expected, DocumentJson.FormatBackendTime(Utc(utc), BackendClock.Rome));

    [Fact]
    public void Digits_finer_than_a_microsecond_are_dropped_as_Pythons_clock_has_none()
    {
        var time = Utc("2026-01-19T20:04:11.532871").AddTicks(9);

        Assert.Equal("2026-01-19T21:04:11.532871+01:00", DocumentJson.FormatBackendTime(time, BackendClock.Rome));
        Assert.Equal("2026-01-19T21:04:11+01:00", DocumentJson.FormatBackendTime(Utc("2026-01-19T20:04:11").AddTicks(9), BackendClock.Rome));
    }

    [Theory]
    [InlineData("America/New_York", "2026-01-19T15:04:11-05:00")]
    [InlineData("Asia/Kolkata", "2026-01-20T01:34:11+05:30")]
    [InlineData("UTC", "2026-01-19T20:04:11+00:00")]
    public void Another_zone_gives_its_own_offset(string zone, string expected) =>
        Assert.Equal(expected, DocumentJson.FormatBackendTime(Utc("2026-01-19T20:04:11"), TimeZoneInfo.FindSystemTimeZoneById(zone)));

    /// <summary>
    /// Through a whole year, a write stamped at or after the backend's own stamp sorts at or after it as a string, so
    /// the user is shown "synced". The one exception is inherent in comparing local times as strings: the hour repeated
    /// when summer time ends, where a later +01:00 time reads earlier than a +02:00 one.
    /// </summary>
    [Fact]
    public void A_write_after_the_backends_stamp_sorts_after_it_as_a_string_all_year()
    {
        var failures = new List<string>();
        for (var before = Utc("2026-01-01T00:00:00.000001"); before.Year == 2026; before = before.AddMinutes(37).AddTicks(13_337))
        {
            foreach (var later in new[] { TimeSpan.Zero, TimeSpan.FromTicks(10), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3) })
            {
                var backend = BackendClock.Format(before, BackendClock.Rome);
                var written = DocumentJson.FormatBackendTime(before + later, BackendClock.Rome);
                if (string.CompareOrdinal(written, backend) < 0 && backend[^6..] == written[^6..])
                {
                    failures.Add($"{written} sorts before the backend's {backend}");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void The_old_UTC_format_sorts_before_the_backends_stamp_taken_earlier()
    {
        // Why the format matters: the dashboard would poll for ever.
        var backend = BackendClock.Format(Utc("2026-01-19T20:04:11"), BackendClock.Rome);

        Assert.True(string.CompareOrdinal(DocumentJson.Format(Utc("2026-01-19T20:05:00")), backend) < 0);
        Assert.True(string.CompareOrdinal(DocumentJson.FormatBackendTime(Utc("2026-01-19T20:05:00"), BackendClock.Rome), backend) > 0);
    }
}
