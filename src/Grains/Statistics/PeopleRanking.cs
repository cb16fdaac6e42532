using System.Globalization;
using CineMatch.Documents;

namespace CineMatch.Statistics;

/// <summary>
/// Directors or actors of a user's rated films (CONTRACT section 4, "People"): how many rated films each has
/// and their mean rating, ranked two ways.
/// </summary>
public sealed class PeopleRanking
{
    public const int MostWatchedLimit = 15;
    public const int BestRatedLimit = 10;

    /// <summary>The minimum counts that key <c>best_rated_*</c>.</summary>
    public static readonly IReadOnlyList<int> BestRatedThresholds = [1, 2, 3, 5];

    private static readonly char[] Separators = [',', '|'];

    private readonly IReadOnlyList<PersonStat> _people;

    private PeopleRanking(IReadOnlyList<PersonStat> people) => _people = people;

    /// <summary>People in order of first appearance over the rated films; <paramref name="names"/> reads the enriched field.</summary>
    public static PeopleRanking Of(IEnumerable<EnrichedFilm> films, Func<EnrichedFilm, string?> names)
    {
        var ratingsByPerson = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var film in films)
        {
            if (film.Rating is not { } rating)
            {
                continue;
            }

            foreach (var person in Split(names(film)))
            {
                if (!ratingsByPerson.TryGetValue(person, out var ratings))
                {
                    ratings = [];
                    ratingsByPerson[person] = ratings;
                    order.Add(person);
                }

                ratings.Add(rating);
            }
        }

        return new PeopleRanking(order
            .Select(person => new PersonStat(person, ratingsByPerson[person].Count, MeanRating(ratingsByPerson[person])))
            .ToList());
    }

    /// <summary>The names in a director or actors field; a name listed twice in one film counts once.</summary>
    public static IEnumerable<string> Split(string? names) =>
        (names ?? string.Empty)
            .Split(Separators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.Ordinal);

    /// <summary><c>most_watched_*</c>: by count descending, stable, first 15.</summary>
    public IReadOnlyList<PersonStat> MostWatched() =>
        _people.OrderByDescending(person => person.Count).Take(MostWatchedLimit).ToList();

    /// <summary>
    /// <c>best_rated_*</c>: for each threshold, the people with at least that many rated films by
    /// (avg_rating, count) descending, stable, first 10. The sort uses the rounded avg_rating that is stored,
    /// as the old job did: two people shown with 4.5 are ordered by count, not by hidden decimals.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PersonStat>> BestRated()
    {
        var result = new Dictionary<string, IReadOnlyList<PersonStat>>(StringComparer.Ordinal);
        foreach (var threshold in BestRatedThresholds)
        {
            result[threshold.ToString(CultureInfo.InvariantCulture)] = _people
                .Where(person => person.Count >= threshold)
                .OrderByDescending(person => person.AvgRating)
                .ThenByDescending(person => person.Count)
                .Take(BestRatedLimit)
                .ToList();
        }

        return result;
    }

    private static double MeanRating(List<int> ratings) => PythonRounding.Round((double)ratings.Sum() / ratings.Count, 1);
}
