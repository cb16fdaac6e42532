using CineMatch.Counting;
using CineMatch.Documents;
using CineMatch.Statistics;

namespace CineMatch.Tests.Domain;

public class TrendsCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 19, 20, 4, 11, 532, TimeSpan.Zero);

    [Fact]
    public void Totals_come_from_user_population_shards_and_film_entries()
    {
        var tallies = new[]
        {
            Population("00", 3),
            Population("07", 2),
            Film("tt0078748", "Alien", users: 4, entries: 4, genres: [("Horror", 4)]),
            Film("alien|", "Alien", users: 1, entries: 2, genres: [("Horror", 2), ("Sci-Fi", 2)]),
        };

        var trends = TrendsCalculator.Build(tallies, Now, "orleans");

        Assert.Equal(5, trends.TotalUsers);
        Assert.Equal(6, trends.TotalEntries);
        Assert.Equal("global_trends", trends.Type);
        Assert.Equal("2026-01-19T20:04:11.532Z", trends.UpdatedAt);
        Assert.Equal("orleans", trends.Source);
    }

    [Fact]
    public void Top_movies_by_users_then_title_then_film_key_at_most_ten()
    {
        var tallies = new List<CounterTally>
        {
            Population("00", 50),
            Film("tt2", "Zodiac", users: 9, entries: 9),
            Film("king kong|2005", "King Kong", users: 5, entries: 5, poster: "kk2005.jpg"),
            Film("king kong|1976", "King Kong", users: 5, entries: 5),
            Film("tt1", "Amélie", users: 5, entries: 5),
            Film("gone|", "Gone", users: 0, entries: 0),
        };
        tallies.AddRange(Enumerable.Range(1, 9).Select(i => Film("f" + i, "Film " + i, users: 1, entries: 1)));

        var top = TrendsCalculator.Build(tallies, Now, "orleans").TopMovies;

        Assert.Equal(10, top.Count);
        Assert.Equal(new TopMovie("Zodiac", null, 9), top[0]);
        Assert.Equal(new TopMovie("Amélie", null, 5), top[1]);
        Assert.Equal(new TopMovie("King Kong", null, 5), top[2]); // "king kong|1976" < "king kong|2005"
        Assert.Equal(new TopMovie("King Kong", "kk2005.jpg", 5), top[3]);
        Assert.Equal(["Film 1", "Film 2", "Film 3", "Film 4", "Film 5", "Film 6"], top.Skip(4).Select(m => m.Title));
        Assert.DoesNotContain(top, m => m.Title == "Gone");
    }

    [Fact]
    public void Title_ties_are_ordinal_so_capitals_come_first()
    {
        var tallies = new[] { Film("b", "alien", users: 1, entries: 1), Film("a", "Zorro", users: 1, entries: 1) };

        var titles = TrendsCalculator.Build(tallies, Now, "orleans").TopMovies.Select(m => m.Title);

        Assert.Equal(["Zorro", "alien"], titles);
    }

    [Fact]
    public void A_film_without_label_is_shown_under_its_key()
    {
        var top = TrendsCalculator.Build([Film("tt0078748", null, users: 1, entries: 1)], Now, "orleans").TopMovies;

        Assert.Equal("tt0078748", top.Single().Title);
    }

    [Fact]
    public void Genre_counts_sum_over_films_and_keep_only_positive_ones()
    {
        var tallies = new[]
        {
            Film("a", "A", users: 2, entries: 2, genres: [("Horror", 2), ("Drama", 1), ("Western", 0)]),
            Film("b", "B", users: 1, entries: 1, genres: [("Drama", 1), ("War", -1)]),
        };

        var counts = TrendsCalculator.Build(tallies, Now, "orleans").GenreCounts;

        Assert.Equal(new Dictionary<string, long> { ["Drama"] = 2, ["Horror"] = 2 }, counts);
    }

    [Fact]
    public void Trending_genres_by_count_then_name_with_shares_of_all_genres_at_most_ten()
    {
        var genres = new List<(string, long)> { ("Horror", 3), ("Drama", 3), ("Comedy", 5) };
        genres.AddRange(Enumerable.Range(1, 9).Select(i => ("G" + i, 1L)));
        var tallies = new[] { Film("a", "A", users: 1, entries: 1, genres: genres.ToArray()) };

        var trending = TrendsCalculator.Build(tallies, Now, "orleans").TrendingGenres;

        // total = 5 + 3 + 3 + 9 = 20
        Assert.Equal(10, trending.Count);
        Assert.Equal(new GenreTrend("Comedy", 5, 25.0), trending[0]);
        Assert.Equal(new GenreTrend("Drama", 3, 15.0), trending[1]);
        Assert.Equal(new GenreTrend("Horror", 3, 15.0), trending[2]);
        Assert.Equal(new GenreTrend("G1", 1, 5.0), trending[3]);
        Assert.Equal(["G1", "G2", "G3", "G4", "G5", "G6", "G7"], trending.Skip(3).Select(g => g.Genre));
    }

    [Fact]
    public void Trending_percentages_round_half_even_to_one_decimal()
    {
        // 1 / 3 * 100 = 33.33 -> 33.3; 2 / 3 * 100 = 66.67 -> 66.7
        var tallies = new[] { Film("a", "A", users: 1, entries: 1, genres: [("Drama", 2), ("Horror", 1)]) };

        var trending = TrendsCalculator.Build(tallies, Now, "orleans").TrendingGenres;

        Assert.Equal([66.7, 33.3], trending.Select(g => g.Percentage));
    }

    [Fact]
    public void Of_two_tallies_for_one_counter_the_highest_version_counts()
    {
        var older = Film("tt1", "Alien", users: 7, entries: 7) with { Version = 3 };
        var newer = Film("tt1", "Alien", users: 2, entries: 2) with { Version = 5 };

        var trends = TrendsCalculator.Build([newer, older], Now, "orleans");

        Assert.Equal(2, trends.TopMovies.Single().Count);
        Assert.Equal(2, trends.TotalEntries);
    }

    [Fact]
    public void No_tallies_give_an_empty_document()
    {
        var trends = TrendsCalculator.Build([], Now, "reconcile");

        Assert.Empty(trends.TopMovies);
        Assert.Empty(trends.TrendingGenres);
        Assert.Empty(trends.GenreCounts);
        Assert.Equal(0, trends.TotalUsers);
        Assert.Equal("reconcile", trends.Source);
    }

    [Fact]
    public void Movie_count_document_carries_key_label_and_user_count()
    {
        var document = TrendsCalculator.ToMovieCount(Film("king kong|1976", "King Kong", users: 3, entries: 4, year: 1976), Now);

        Assert.Equal(
            new MovieCountDocument { Id = "king kong|1976", Title = "King Kong", Year = 1976, Count = 3, UpdatedAt = "2026-01-19T20:04:11.532Z" },
            document);
    }

    private static CounterTally Population(string shard, long users) =>
        new() { CounterKey = CounterKeys.UserPopulationPrefix + shard, Users = users };

    private static CounterTally Film(
        string key, string? title, long users, long entries, int? year = null, string? poster = null, (string Genre, long Count)[]? genres = null) =>
        new()
        {
            CounterKey = key,
            Users = users,
            Entries = entries,
            Genres = (genres ?? []).ToDictionary(g => g.Genre, g => g.Count),
            Label = title is null ? null : new FilmLabel(title, year, poster),
        };
}
