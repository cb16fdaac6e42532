using CineMatch.Counting;
using CineMatch.Documents;
using CineMatch.Statistics;

namespace CineMatch.Tests.Domain;

/// <summary>
/// The backend's newer format (CONTRACT-V6): the worked example of its sections 2.6 and 3.4, and what
/// CONTRACT section 6b changes in it (a name listed twice for one film counts once).
/// </summary>
public sealed class FlatStatisticsTests
{
    private static EnrichedFilm Film(string name, int? rating, string? date, int? duration = null, string? director = null, string? actors = null, params string[] genres) => new()
    {
        Name = name,
        Rating = rating,
        Date = date,
        Duration = duration,
        Director = director,
        Actors = actors,
        Genres = genres,
        FilmKey = name.ToLowerInvariant(),
        Label = new FilmLabel(name, null, null),
    };

    // CONTRACT-V6 §2.6: Amélie is found through its normalized title, "Unknown Indie" is not in the catalog.
    private static readonly EnrichedFilm[] WorkedExample =
    [
        Film("Inception", 5, "2024-03-15", 148, "Christopher Nolan", "Leonardo DiCaprio, Tom Hardy, Elliot Page", "Action", "Sci-Fi", "Thriller"),
        Film("Dunkirk", 4, "2024-03-28T21:00:00+01:00", 106, "Christopher Nolan", "Fionn Whitehead | Tom Hardy", "Action", "Drama", "War"),
        Film("Amélie", 3, "2023-12-01", 122, "Jean-Pierre Jeunet", "Audrey Tautou, Mathieu Kassovitz", "Comedy", "Romance"),
        Film("Unknown Indie", null, null),
    ];

    [Fact]
    public void The_flat_counters_of_the_worked_example_are_the_V6_jobs()
    {
        var counters = FlatCountersCalculator.Compute(WorkedExample);

        Assert.Equal(4, counters.TotalWatched);
        Assert.Equal(12, counters.SumRatings);
        Assert.Equal(376, counters.WatchTimeMinutes);
        Assert.Equal(new Dictionary<string, int> { ["3"] = 1, ["4"] = 1, ["5"] = 1 }, counters.RatingDistribution);
        Assert.Equal(["2023", "2024"], counters.MonthlyCounts.Keys.Order());
        Assert.Equal(new Dictionary<string, int> { ["03"] = 2 }, counters.MonthlyCounts["2024"]);
        Assert.Equal(new Dictionary<string, int> { ["12"] = 1 }, counters.MonthlyCounts["2023"]);
    }

    [Fact]
    public void The_affinities_of_the_worked_example_are_the_V6_jobs()
    {
        var affinities = AffinityCalculator.Compute("u1", WorkedExample).ToDictionary(a => a.Id, a => (a.Count, a.SumVoti));

        Assert.Equal(
            new Dictionary<string, (int, int)>
            {
                ["u1_director_Christopher_Nolan"] = (2, 9),
                ["u1_director_Jean-Pierre_Jeunet"] = (1, 3),
                ["u1_actor_Tom_Hardy"] = (2, 9),
                ["u1_actor_Leonardo_DiCaprio"] = (1, 5),
                ["u1_actor_Elliot_Page"] = (1, 5),
                ["u1_actor_Fionn_Whitehead"] = (1, 4),
                ["u1_actor_Audrey_Tautou"] = (1, 3),
                ["u1_actor_Mathieu_Kassovitz"] = (1, 3),
                ["u1_genre_Action"] = (2, 0),
                ["u1_genre_Sci-Fi"] = (1, 0),
                ["u1_genre_Thriller"] = (1, 0),
                ["u1_genre_Drama"] = (1, 0),
                ["u1_genre_War"] = (1, 0),
                ["u1_genre_Comedy"] = (1, 0),
                ["u1_genre_Romance"] = (1, 0),
            },
            affinities);
    }

    [Fact]
    public void Names_are_keyed_as_V6_keys_them_and_a_name_listed_twice_for_one_film_counts_once()
    {
        var affinities = AffinityCalculator.Compute("u.1", [
            Film("A", 4, null, director: "J.J. Abrams | J.J. Abrams, Ann Lee, Third One", actors: "Tom  Hardy,,Tom  Hardy", genres: ["Drama", "Drama", " "]),
            Film("B", null, null, director: "J J  Abrams"),
        ]);

        var abrams = Assert.Single(affinities, a => a.Type == AffinityCalculator.Director && a.NameKey == "J_J__Abrams");
        Assert.Equal(("u.1_director_J_J__Abrams", "J.J. Abrams", 2, 4), (abrams.Id, abrams.Name, abrams.Count, abrams.SumVoti));
        Assert.Contains(affinities, a => a.Id == "u.1_director_Ann_Lee");
        Assert.DoesNotContain(affinities, a => a.Name == "Third One"); // only the first two directors of a film
        Assert.Equal((1, 4), affinities.Where(a => a.Id == "u.1_actor_Tom__Hardy").Select(a => (a.Count, a.SumVoti)).Single());
        Assert.Equal((1, 0), affinities.Where(a => a.Id == "u.1_genre_Drama").Select(a => (a.Count, a.SumVoti)).Single());
        Assert.Equal(affinities.Select(a => a.Id).Order(StringComparer.Ordinal), affinities.Select(a => a.Id));
    }

    [Fact]
    public void Ratings_outside_one_to_five_are_summed_but_not_distributed_and_odd_dates_give_no_month()
    {
        var counters = FlatCountersCalculator.Compute([
            Film("A", 0, "2023-1-05"),
            Film("B", 7, "junk"),
            Film("C", 2, "2025-06"),
            Film("D", null, ""),
        ]);

        Assert.Equal(4, counters.TotalWatched);
        Assert.Equal(9, counters.SumRatings);
        Assert.Equal(new Dictionary<string, int> { ["2"] = 1 }, counters.RatingDistribution);
        Assert.Equal(["2025"], counters.MonthlyCounts.Keys);
        Assert.Equal(new Dictionary<string, int> { ["06"] = 1 }, counters.MonthlyCounts["2025"]);
    }

    [Fact]
    public void An_empty_list_has_zero_counters_and_no_affinity()
    {
        var counters = FlatCountersCalculator.Compute([]);

        Assert.Equal((0, 0L, 0L, 0, 0), (counters.TotalWatched, counters.SumRatings, counters.WatchTimeMinutes, counters.RatingDistribution.Count, counters.MonthlyCounts.Count));
        Assert.Empty(AffinityCalculator.Compute("u1", []));
    }
}
