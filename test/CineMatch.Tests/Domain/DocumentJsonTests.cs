using System.Text.Json;
using CineMatch.Documents;
using CineMatch.Wire;

namespace CineMatch.Tests.Domain;

public class DocumentJsonTests
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 1, 19, 21, 4, 11, TimeSpan.FromHours(1)).AddTicks(5328710);

    [Fact]
    public void User_stats_fields_are_named_as_the_dashboard_reads_them()
    {
        var document = new UserStatsDocument
        {
            UserId = "u1",
            RatingChartData = [new RatingBar("⭐1", 2, 1)],
            TopRatedMovies = [new MovieItem { Name = "Alien" }],
            YearData = [new YearActivity(2026, [new MonthCount("Gen", 1)], 1)],
            AvailableYears = [2026],
            TopYears = [new YearCount(1979, 1)],
            GenreData = [new GenreSlice("Horror", 100, "#6B21A8", 1)],
            MostWatchedDirectors = [new PersonStat("Ridley Scott", 1, 4)],
            BestRatedDirectors = new Dictionary<string, IReadOnlyList<PersonStat>> { ["1"] = [new PersonStat("Ridley Scott", 1, 4)] },
            UpdatedAt = "x",
            Source = "orleans",
        };

        var root = Serialize(document);

        Assert.Equal(
            ["user_id", "total_watched", "avg_rating", "rating_chart_data", "top_rated_movies", "recent_movies", "year_data",
             "available_years", "top_years", "genre_data", "favorite_genre", "watch_time_hours", "avg_duration",
             "most_watched_directors", "best_rated_directors", "most_watched_actors", "best_rated_actors", "stats_version",
             "updated_at", "source", "sum_ratings", "watch_time_minutes", "rating_distribution", "monthly_counts"],
            Names(root));
        Assert.Equal(["rating", "count", "stars"], Names(root.GetProperty("rating_chart_data")[0]));
        Assert.Equal(
            ["name", "year", "rating", "date", "imdb_id", "genres", "director", "actors", "duration", "poster_url", "avg_vote"],
            Names(root.GetProperty("top_rated_movies")[0]));
        Assert.Equal(["year", "monthly_data", "total_films"], Names(root.GetProperty("year_data")[0]));
        Assert.Equal(["month", "films"], Names(root.GetProperty("year_data")[0].GetProperty("monthly_data")[0]));
        Assert.Equal(["year", "count"], Names(root.GetProperty("top_years")[0]));
        Assert.Equal(["name", "value", "color", "count"], Names(root.GetProperty("genre_data")[0]));
        Assert.Equal(["name", "count", "avg_rating"], Names(root.GetProperty("most_watched_directors")[0]));
        Assert.Equal(["1"], Names(root.GetProperty("best_rated_directors")));
    }

    [Fact]
    public void A_movie_item_writes_every_key_with_null_when_unknown_and_genres_empty()
    {
        var item = Serialize(new MovieItem { Name = "Alien" });

        Assert.Equal(JsonValueKind.Null, item.GetProperty("year").ValueKind);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("poster_url").ValueKind);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("avg_vote").ValueKind);
        Assert.Equal(0, item.GetProperty("genres").GetArrayLength());
    }

    [Fact]
    public void Global_stats_fields_keep_genre_names_as_written()
    {
        var root = Serialize(new GlobalStatsDocument
        {
            TopMovies = [new TopMovie("Alien", null, 3)],
            TrendingGenres = [new GenreTrend("Sci-Fi", 3, 100)],
            GenreCounts = new Dictionary<string, long> { ["Sci-Fi"] = 3, ["Film-Noir"] = 1 },
            UpdatedAt = "x",
            Source = "orleans",
        });

        Assert.Equal(["type", "top_movies", "trending_genres", "genre_counts", "total_users", "total_entries", "updated_at", "source"], Names(root));
        Assert.Equal("global_trends", root.GetProperty("type").GetString());
        Assert.Equal(["title", "poster_path", "count"], Names(root.GetProperty("top_movies")[0]));
        Assert.Equal(["genre", "count", "percentage"], Names(root.GetProperty("trending_genres")[0]));
        Assert.Equal(["Sci-Fi", "Film-Noir"], Names(root.GetProperty("genre_counts")));
    }

    [Fact]
    public void Movie_count_uses_underscore_id()
    {
        var root = Serialize(new MovieCountDocument { Id = "tt0078748", Title = "Alien", UpdatedAt = "x" });

        Assert.Equal(["_id", "title", "year", "count", "updated_at"], Names(root));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("year").ValueKind);
    }

    [Fact]
    public void Stars_and_accents_are_written_unescaped()
    {
        var text = JsonSerializer.Serialize(new RatingBar("⭐1", 0, 1), DocumentJson.Options);

        Assert.Equal("{\"rating\":\"⭐1\",\"count\":0,\"stars\":1}", text);
    }

    [Fact]
    public void Format_writes_utc_with_milliseconds_and_z()
    {
        Assert.Equal("2026-01-19T20:04:11.532Z", DocumentJson.Format(Now));
        Assert.Equal("2026-01-01T00:00:00.000Z", DocumentJson.Format(new DateTimeOffset(2025, 12, 31, 19, 0, 0, TimeSpan.FromHours(-5))));
    }

    [Fact]
    public void Format_round_trips_at_millisecond_precision()
    {
        var text = DocumentJson.Format(Now);
        var back = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(new DateTimeOffset(2026, 1, 19, 20, 4, 11, 532, TimeSpan.Zero), back);
        Assert.Equal(text, DocumentJson.Format(back));
    }

    private static JsonElement Serialize<T>(T document)
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(document, DocumentJson.Options));
        return json.RootElement.Clone();
    }

    private static IEnumerable<string> Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name);
}
