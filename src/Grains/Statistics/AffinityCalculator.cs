using CineMatch.Documents;

namespace CineMatch.Statistics;

/// <summary>
/// The user's <c>user_affinities</c> documents (CONTRACT-V6 section 3) as functions of the whole list: per
/// director (first two names of a film), actor (first fifteen) and genre, the films naming it and their ratings.
/// A name listed twice for one film counts once (CONTRACT section 6b overrides V6 here).
/// </summary>
public static class AffinityCalculator
{
    public const string Director = "director";
    public const string Actor = "actor";
    public const string Genre = "genre";

    private const int DirectorsPerFilm = 2;
    private const int ActorsPerFilm = 15;

    /// <summary>Only names with a count of at least 1 exist; sorted by <c>_id</c>.</summary>
    public static IReadOnlyList<UserAffinityDocument> Compute(string userId, IReadOnlyList<EnrichedFilm> films)
    {
        var affinities = new Dictionary<string, UserAffinityDocument>(StringComparer.Ordinal);
        foreach (var film in films)
        {
            var rating = film.Rating ?? 0;
            Count(affinities, userId, Director, PeopleRanking.Split(film.Director).Take(DirectorsPerFilm), rating);
            Count(affinities, userId, Actor, PeopleRanking.Split(film.Actors).Take(ActorsPerFilm), rating);
            // Genres keep their spelling (V6 did not strip them); a blank one names nothing.
            Count(affinities, userId, Genre, film.Genres.Where(genre => !string.IsNullOrWhiteSpace(genre)).Distinct(StringComparer.Ordinal), 0);
        }

        return [.. affinities.Values.OrderBy(affinity => affinity.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// V6's key: trimmed, then every '.', '$' and space becomes '_' (nothing else changes), so "A.B" and "A B"
    /// share one document, which keeps the display name seen first in list order.
    /// </summary>
    public static string NameKey(string name) => name.Trim().Replace('.', '_').Replace('$', '_').Replace(' ', '_');

    private static void Count(Dictionary<string, UserAffinityDocument> affinities, string userId, string type, IEnumerable<string> names, int rating)
    {
        foreach (var name in names)
        {
            var key = NameKey(name);
            var id = $"{userId}_{type}_{key}";
            var current = affinities.GetValueOrDefault(id)
                ?? new UserAffinityDocument { Id = id, UserId = userId, Type = type, Name = name, NameKey = key };
            affinities[id] = current with { Count = current.Count + 1, SumVoti = current.SumVoti + rating };
        }
    }
}
