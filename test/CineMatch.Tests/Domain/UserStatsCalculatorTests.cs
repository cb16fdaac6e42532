using CineMatch.Counting;
using CineMatch.Documents;
using CineMatch.Statistics;

namespace CineMatch.Tests.Domain;

public class UserStatsCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 19, 21, 4, 11, 532, TimeSpan.FromHours(1));

    [Fact]
    public void A_user_without_present_entries_has_no_document()
    {
        Assert.Null(UserStatsCalculator.Compute("u1", [], Now, "orleans"));
    }

    [Fact]
    public void Identity_version_time_and_source_are_written()
    {
        var stats = Compute([Film("Alien")], source: "reconcile");

        Assert.Equal("u1", stats.UserId);
        Assert.Equal("3.2", stats.StatsVersion);
        Assert.Equal("2026-01-19T21:04:11.532000+01:00", stats.UpdatedAt);
        Assert.Equal("reconcile", stats.Source);
        Assert.Equal(1, stats.TotalWatched);
    }

    [Fact]
    public void Average_rating_is_the_mean_of_the_given_ratings_rounded_half_even_to_two_decimals()
    {
        // 25 / 8 = 3.125 exactly: a tie, rounded to even.
        var films = new[] { 4, 3, 3, 3, 3, 3, 3, 3 }.Select(r => Film("F" + r) with { Rating = r }).Append(Film("Unrated")).ToList();

        var stats = Compute(films);

        Assert.Equal(3.12, stats.AvgRating);
        Assert.Equal(9, stats.TotalWatched);
    }

    [Theory]
    [InlineData(new[] { 3, 3, 4 }, 3.33)]
    [InlineData(new[] { 4, 5, 5 }, 4.67)]
    [InlineData(new[] { 5 }, 5.0)]
    public void Average_rating_examples(int[] ratings, double expected)
    {
        Assert.Equal(expected, Compute(ratings.Select(r => Film("F") with { Rating = r }).ToList()).AvgRating);
    }

    [Fact]
    public void Average_rating_is_zero_when_nothing_is_rated()
    {
        Assert.Equal(0, Compute([Film("A"), Film("B")]).AvgRating);
    }

    [Fact]
    public void Rating_chart_has_five_star_bars_counting_each_rating()
    {
        var films = new int?[] { 5, 5, 3, 1, null, 5 }.Select(r => Film("F") with { Rating = r }).ToList();

        var chart = Compute(films).RatingChartData;

        Assert.Equal(
            [new RatingBar("⭐1", 1, 1), new RatingBar("⭐2", 0, 2), new RatingBar("⭐3", 1, 3), new RatingBar("⭐4", 0, 4), new RatingBar("⭐5", 3, 5)],
            chart);
    }

    [Fact]
    public void Top_rated_holds_ratings_of_four_and_up_by_rating_then_list_order_at_most_ten()
    {
        var films = new List<EnrichedFilm>
        {
            Film("Unrated"), Film("Three") with { Rating = 3 },
        };
        films.AddRange(Enumerable.Range(1, 7).Select(i => Film("Four" + i) with { Rating = 4 }));
        films.AddRange(Enumerable.Range(1, 5).Select(i => Film("Five" + i) with { Rating = 5 }));

        var names = Compute(films).TopRatedMovies.Select(m => m.Name);

        Assert.Equal(["Five1", "Five2", "Five3", "Five4", "Five5", "Four1", "Four2", "Four3", "Four4", "Four5"], names);
    }

    [Fact]
    public void Recent_movies_sort_by_watch_date_as_written_newest_first_undated_last()
    {
        var films = new List<EnrichedFilm>
        {
            Film("NoDate"),
            Film("Jan10") with { Date = "2026-01-10" },
            Film("Garbage") with { Date = "last tuesday" },
            Film("Jan10Evening") with { Date = "2026-01-10T21:30:00" },
            // 01:00 at +09:00 is 16:00 on the 14th in UTC, but the date is taken as written.
            Film("Jan15East") with { Date = "2026-01-15T01:00:00+09:00" },
            Film("Jan14Evening") with { Date = "2026-01-14T20:00:00.000Z" },
            Film("Jan10Again") with { Date = "2026-01-10" },
            Film("Dec") with { Date = "2025-12-31" },
        };

        var names = Compute(films).RecentMovies.Select(m => m.Name);

        Assert.Equal(["Jan15East", "Jan14Evening", "Jan10Evening", "Jan10", "Jan10Again", "Dec", "NoDate", "Garbage"], names);
    }

    [Fact]
    public void Recent_movies_hold_at_most_ten()
    {
        var films = Enumerable.Range(1, 12).Select(day => Film("D" + day) with { Date = $"2026-01-{day:D2}" }).ToList();

        var names = Compute(films).RecentMovies.Select(m => m.Name);

        Assert.Equal(Enumerable.Range(3, 10).Reverse().Select(day => "D" + day), names);
    }

    [Fact]
    public void Year_data_counts_watches_per_month_with_italian_month_names_newest_year_first()
    {
        var films = new[] { "2025-03-02", "2026-01-19", "2026-01-01T01:00:00+02:00", "2026-12-31", "2025-03-30", "bad", null }
            .Select(date => Film("F") with { Date = date })
            .ToList();

        var stats = Compute(films);

        // "2026-01-01T01:00:00+02:00" is still 2025 in UTC; it counts where it was written, in January 2026.
        Assert.Equal([2026, 2025], stats.AvailableYears);
        Assert.Equal([2026, 2025], stats.YearData.Select(y => y.Year));
        var months = stats.YearData[0].MonthlyData;
        Assert.Equal(["Gen", "Feb", "Mar", "Apr", "Mag", "Giu", "Lug", "Ago", "Set", "Ott", "Nov", "Dic"], months.Select(m => m.Month));
        Assert.Equal([2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], months.Select(m => m.Films));
        Assert.Equal(3, stats.YearData[0].TotalFilms);
        Assert.Equal([0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0], stats.YearData[1].MonthlyData.Select(m => m.Films));
        Assert.Equal(2, stats.YearData[1].TotalFilms);
    }

    [Fact]
    public void No_watch_dates_means_no_year_data()
    {
        var stats = Compute([Film("A")]);

        Assert.Empty(stats.YearData);
        Assert.Empty(stats.AvailableYears);
    }

    [Fact]
    public void Top_years_are_the_five_most_frequent_sent_years_ties_in_order_of_first_appearance()
    {
        var sentYears = new int?[] { 1999, 2001, null, 1984, 2001, 1977, 1999, 2010, 1960, null, null };
        // The enriched year differs and must not be used.
        var films = sentYears.Select(year => Film("F") with { SentYear = year, Year = 1900 }).ToList();

        var years = Compute(films).TopYears;

        Assert.Equal([new YearCount(1999, 2), new YearCount(2001, 2), new YearCount(1984, 1), new YearCount(1977, 1), new YearCount(2010, 1)], years);
    }

    [Fact]
    public void Genre_data_shares_colours_and_favorite()
    {
        var films = new List<EnrichedFilm>
        {
            Film("A") with { Genres = ["Commedia", "Drama"] },
            Film("B") with { Genres = ["Drama", "Kaiju"] },
            Film("C") with { Genres = ["Drama", "Fantascienza", "Drama"] }, // a genre twice in one entry counts once
        };

        var stats = Compute(films);

        // total = 3 + 1 + 1 + 1 = 6; 3/6 = 50.0, 1/6*100 = 16.666... -> 16.7
        Assert.Equal(
            [
                new GenreSlice("Drama", 50.0, "#E50914", 3),
                new GenreSlice("Commedia", 16.7, "#FF6B35", 1),
                new GenreSlice("Kaiju", 16.7, "#9CA3AF", 1),
                new GenreSlice("Fantascienza", 16.7, "#06B6D4", 1),
            ],
            stats.GenreData);
        Assert.Equal("Drama", stats.FavoriteGenre);
    }

    [Fact]
    public void Genre_data_shows_eight_genres_with_shares_of_all_genres()
    {
        var genres = Enumerable.Range(1, 10).Select(i => "G" + i).ToList();
        var films = new List<EnrichedFilm> { Film("All") with { Genres = genres }, Film("Nine") with { Genres = ["G9"] } };

        var data = Compute(films).GenreData;

        Assert.Equal(["G9", "G1", "G2", "G3", "G4", "G5", "G6", "G7"], data.Select(g => g.Name));
        Assert.Equal(18.2, data[0].Value); // 2 / 11 * 100 = 18.18...
        Assert.Equal(9.1, data[1].Value); // 1 / 11 * 100 = 9.09...
        Assert.Equal("G9", Compute(films).FavoriteGenre);
    }

    [Theory]
    [InlineData("Drama", "#E50914")]
    [InlineData("Dramma", "#E50914")]
    [InlineData("Comedy", "#FF6B35")]
    [InlineData("Azione", "#00529B")]
    [InlineData("Thriller", "#8B5CF6")]
    [InlineData("Horror", "#6B21A8")]
    [InlineData("Romance", "#EC4899")]
    [InlineData("Sci-Fi", "#06B6D4")]
    [InlineData("Avventura", "#10B981")]
    [InlineData("Crime", "#F59E0B")]
    [InlineData("Fantasy", "#8B5CF6")]
    [InlineData("Family", "#F472B6")]
    [InlineData("Mystery", "#4B5563")]
    [InlineData("History", "#92400E")]
    [InlineData("War", "#7F1D1D")]
    [InlineData("Music", "#DB2777")]
    [InlineData("Documentary", "#059669")]
    [InlineData("Western", "#D97706")]
    [InlineData("Animazione", "#FBBF24")]
    [InlineData("Giallo", "#F59E0B")]
    [InlineData("Biografia", "#4B5563")]
    [InlineData("Sport", "#EF4444")]
    [InlineData("Musical", "#DB2777")]
    [InlineData("Film-Noir", "#111827")]
    [InlineData("Noir", "#111827")]
    [InlineData("drama", "#E50914")]
    [InlineData("Kaiju", "#9CA3AF")]
    public void Genre_colours_follow_the_dashboard_table(string genre, string color)
    {
        Assert.Equal(color, GenrePalette.ColorOf(genre));
    }

    [Fact]
    public void Without_genres_the_favorite_is_nessuno()
    {
        var stats = Compute([Film("A")]);

        Assert.Empty(stats.GenreData);
        Assert.Equal("Nessuno", stats.FavoriteGenre);
    }

    [Fact]
    public void Watch_time_is_whole_hours_rounded_down_and_average_duration_over_films_with_one()
    {
        var films = new[] { Film("A") with { Duration = 100 }, Film("B") with { Duration = 100 }, Film("C"), Film("D") with { Duration = 39 } };

        var stats = Compute(films);

        Assert.Equal(3, stats.WatchTimeHours); // 239 / 60 = 3.98
        Assert.Equal(80, stats.AvgDuration); // 239 / 3 = 79.67
    }

    [Fact]
    public void A_zero_minute_film_has_no_duration_for_the_average()
    {
        var stats = Compute([Film("A") with { Duration = 100 }, Film("B") with { Duration = 0 }, Film("C") with { Duration = 114 }]);

        Assert.Equal(107, stats.AvgDuration); // (100 + 114) / 2, not / 3
        Assert.Equal(3, stats.WatchTimeHours);
    }

    [Theory]
    [InlineData(new[] { 1, 2 }, 2)] // 1.5 -> 2
    [InlineData(new[] { 2, 3 }, 2)] // 2.5 -> 2, half to even
    [InlineData(new[] { 90, 91 }, 90)] // 90.5 -> 90
    [InlineData(new[] { 91, 92 }, 92)] // 91.5 -> 92
    public void Average_duration_rounds_half_to_even(int[] durations, long expected)
    {
        Assert.Equal(expected, Compute(durations.Select(d => Film("F") with { Duration = d }).ToList()).AvgDuration);
    }

    [Fact]
    public void No_durations_means_zero_time()
    {
        var stats = Compute([Film("A")]);

        Assert.Equal(0, stats.WatchTimeHours);
        Assert.Equal(0, stats.AvgDuration);
    }

    [Fact]
    public void People_are_split_on_commas_and_bars_counted_over_rated_films_only()
    {
        var films = new[]
        {
            Film("A") with { Rating = 4, Director = "Joel Coen, Ethan Coen", Actors = " Frances McDormand |William H. Macy,, " },
            Film("B") with { Rating = 5, Director = "Joel Coen|Ethan Coen", Actors = "Frances McDormand, Frances McDormand" },
            Film("C") with { Rating = 4, Director = "Joel Coen", Actors = "" },
            Film("D") with { Director = "Joel Coen, Unrated Person", Actors = "Unrated Actor" },
        };

        var stats = Compute(films);

        Assert.Equal([new PersonStat("Joel Coen", 3, 4.3), new PersonStat("Ethan Coen", 2, 4.5)], stats.MostWatchedDirectors);
        Assert.Equal([new PersonStat("Frances McDormand", 2, 4.5), new PersonStat("William H. Macy", 1, 4.0)], stats.MostWatchedActors);
    }

    [Fact]
    public void Person_average_is_rounded_half_even_to_one_decimal()
    {
        // 17 / 4 = 4.25, exact in binary: a tie, to even.
        var films = new[] { 4, 4, 5, 4 }.Select(r => Film("F") with { Rating = r, Director = "Someone" }).ToList();

        Assert.Equal(4.2, Compute(films).MostWatchedDirectors.Single().AvgRating);
    }

    [Fact]
    public void Most_watched_is_by_count_then_first_appearance_at_most_fifteen()
    {
        var films = new List<EnrichedFilm>();
        for (var person = 1; person <= 20; person++)
        {
            var count = person is 7 or 18 ? 2 : 1;
            films.AddRange(Enumerable.Range(0, count).Select(_ => Film("F") with { Rating = 3, Director = "P" + person }));
        }

        var names = Compute(films).MostWatchedDirectors.Select(p => p.Name);

        Assert.Equal(["P7", "P18", "P1", "P2", "P3", "P4", "P5", "P6", "P8", "P9", "P10", "P11", "P12", "P13", "P14"], names);
    }

    [Fact]
    public void Best_rated_lists_people_by_count_threshold_sorted_by_stored_average_then_count()
    {
        var films = new List<EnrichedFilm>();
        // Early: 3 films, mean 4.667, stored 4.7.
        films.AddRange(new[] { 5, 5, 4 }.Select(r => Film("F") with { Rating = r, Actors = "Early" }));
        // Busy: 20 films, mean 4.65, stored 4.7 too: the tie on the stored value goes to the larger count.
        films.AddRange(Enumerable.Range(0, 20).Select(i => Film("F") with { Rating = i < 13 ? 5 : 4, Actors = "Busy" }));
        // Once: 1 film rated 5.
        films.Add(Film("F") with { Rating = 5, Actors = "Once" });
        // Low: 5 films rated 2.
        films.AddRange(Enumerable.Range(0, 5).Select(_ => Film("F") with { Rating = 2, Actors = "Low" }));

        var best = Compute(films).BestRatedActors;

        Assert.Equal(["1", "2", "3", "5"], best.Keys);
        Assert.Equal(["Once", "Busy", "Early", "Low"], best["1"].Select(p => p.Name));
        Assert.Equal(["Busy", "Early", "Low"], best["2"].Select(p => p.Name));
        Assert.Equal(["Busy", "Early", "Low"], best["3"].Select(p => p.Name));
        Assert.Equal(["Busy", "Low"], best["5"].Select(p => p.Name));
        Assert.Equal(new PersonStat("Busy", 20, 4.7), best["5"][0]);
    }

    [Fact]
    public void Best_rated_holds_at_most_ten_each_and_ties_keep_first_appearance()
    {
        var films = Enumerable.Range(1, 12).Select(i => Film("F") with { Rating = 4, Director = "D" + i }).ToList();

        var best = Compute(films).BestRatedDirectors;

        Assert.Equal(Enumerable.Range(1, 10).Select(i => "D" + i), best["1"].Select(p => p.Name));
        Assert.Empty(best["2"]);
    }

    [Fact]
    public void Movie_items_carry_the_enriched_fields()
    {
        var film = Film("Spirited Away") with
        {
            Year = 2001,
            Rating = 5,
            Date = "2026-01-19",
            ImdbId = "tt0245429",
            Genres = ["Animation"],
            Director = "Hayao Miyazaki",
            Actors = "Rumi Hiiragi",
            Duration = 125,
            PosterUrl = "https://img/sa.jpg",
            AvgVote = 8.6,
        };

        var item = Compute([film]).TopRatedMovies.Single();

        Assert.Equal("Spirited Away", item.Name);
        Assert.Equal(2001, item.Year);
        Assert.Equal(5, item.Rating);
        Assert.Equal("2026-01-19", item.Date);
        Assert.Equal("tt0245429", item.ImdbId);
        Assert.Equal(["Animation"], item.Genres);
        Assert.Equal("Hayao Miyazaki", item.Director);
        Assert.Equal("Rumi Hiiragi", item.Actors);
        Assert.Equal(125, item.Duration);
        Assert.Equal("https://img/sa.jpg", item.PosterUrl);
        Assert.Equal(8.6, item.AvgVote);
    }

    private static UserStatsDocument Compute(IReadOnlyList<EnrichedFilm> films, string source = "orleans") =>
        UserStatsCalculator.Compute("u1", films, Now, source)!;

    private static EnrichedFilm Film(string name) =>
        new() { Name = name, FilmKey = name.ToLowerInvariant() + "|", Label = new FilmLabel(name, null, null) };
}
