using CineMatch.Documents;
using CineMatch.Wire;

namespace CineMatch.Statistics;

/// <summary>
/// When the user watched their films: <c>year_data</c> and the order of <c>recent_movies</c> (CONTRACT section 4).
/// Dates are read as written, with no time-zone conversion.
/// </summary>
public static class WatchActivity
{
    /// <summary>The dashboard's (Italian) month names.</summary>
    public static readonly IReadOnlyList<string> MonthNames =
        ["Gen", "Feb", "Mar", "Apr", "Mag", "Giu", "Lug", "Ago", "Set", "Ott", "Nov", "Dic"];

    /// <summary>
    /// The key by which <c>recent_movies</c> sorts, newest greatest: the date-time as written. A missing or
    /// unparseable date sorts below every date, so it comes last in a descending sort.
    /// </summary>
    public static (bool HasDate, DateTime Local) SortKey(string? date) =>
        IsoDateTime.TryParseLocal(date, out var local) ? (true, local) : (false, default);

    /// <summary>One item per year that has watch dates, newest first, with 12 months each.</summary>
    public static IReadOnlyList<YearActivity> Of(IEnumerable<EnrichedFilm> films) =>
        films
            .Select(film => IsoDateTime.TryParseLocal(film.Date, out var local) ? local : (DateTime?)null)
            .OfType<DateTime>()
            .GroupBy(date => date.Year)
            .OrderByDescending(year => year.Key)
            .Select(year => new YearActivity(
                year.Key,
                MonthNames.Select((month, index) => new MonthCount(month, year.Count(date => date.Month == index + 1))).ToList(),
                year.Count()))
            .ToList();
}
