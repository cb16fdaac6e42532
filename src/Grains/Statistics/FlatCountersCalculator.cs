using System.Text.RegularExpressions;
using CineMatch.Documents;

namespace CineMatch.Statistics;

/// <summary>
/// The flat counters of CONTRACT-V6 section 2.2 as functions of the user's whole list (never increments, so
/// they cannot drift): the old V6 job's numbers for the same list, in the canonical form of its section 2.5.
/// </summary>
public static partial class FlatCountersCalculator
{
    public static FlatUserCounters Compute(IReadOnlyList<EnrichedFilm> films)
    {
        var distribution = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var monthly = new SortedDictionary<string, SortedDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var film in films)
        {
            if (film.Rating is >= 1 and <= 5 and var rating)
            {
                var key = rating.ToString(System.Globalization.CultureInfo.InvariantCulture);
                distribution[key] = distribution.GetValueOrDefault(key) + 1;
            }

            // V6 sliced the string without parsing; a date that does not start "YYYY-MM" gave odd keys (its bug B5), so it is left out.
            if (film.Date is { } date && YearMonthPrefix().IsMatch(date))
            {
                var months = monthly.TryGetValue(date[..4], out var existing) ? existing : monthly[date[..4]] = new(StringComparer.Ordinal);
                months[date[5..7]] = months.GetValueOrDefault(date[5..7]) + 1;
            }
        }

        return new FlatUserCounters
        {
            TotalWatched = films.Count,
            SumRatings = films.Sum(film => (long)(film.Rating ?? 0)),
            WatchTimeMinutes = films.Sum(film => (long)(film.Duration ?? 0)),
            RatingDistribution = distribution,
            MonthlyCounts = monthly.ToDictionary(year => year.Key, year => (IReadOnlyDictionary<string, int>)year.Value, StringComparer.Ordinal),
        };
    }

    [GeneratedRegex(@"^\d{4}-\d{2}")]
    private static partial Regex YearMonthPrefix();
}
