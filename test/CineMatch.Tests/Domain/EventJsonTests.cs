using System.Text.Json;
using CineMatch.Events;
using CineMatch.Wire;

namespace CineMatch.Tests.Domain;

public class EventJsonTests
{
    private static readonly MovieEvent FullEvent = new()
    {
        Type = MovieEventType.UpdateRating,
        UserId = "6790b1c2e4",
        Movie = new MovieInfo
        {
            Name = "Amélie \"Le fabuleux\"",
            Year = 2001,
            Rating = 4,
            ImdbId = "tt0211915",
            Genres = ["Comedy", "Romance"],
            Duration = 122,
            Director = "Jean-Pierre Jeunet",
            Actors = "Audrey Tautou | Mathieu Kassovitz",
            Date = "2026-01-19T22:10:00",
            OldRating = 3,
            NewRating = 4,
        },
        Timestamp = new DateTimeOffset(2026, 1, 19, 21, 4, 11, TimeSpan.FromHours(1)).AddTicks(5328710),
    };

    public static TheoryData<MovieEvent> Events => new()
    {
        FullEvent,
        FullEvent with { Type = MovieEventType.Delete, Movie = new MovieInfo { Name = "Alien" }, Timestamp = DateTimeOffset.UnixEpoch },
        FullEvent with { Type = MovieEventType.BulkImport, Movie = FullEvent.Movie with { Genres = [] } },
        FullEvent with { Type = MovieEventType.Recalculate, Timestamp = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.FromMinutes(-210)) },
        FullEvent with { Type = MovieEventType.Add, Timestamp = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1) },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Parsing_the_serialized_event_gives_the_event_back(MovieEvent original)
    {
        var parsed = EventParser.Parse(EventJson.Serialize(original)).Event!;

        // MovieInfo compares Genres by reference, so they are compared apart.
        Assert.Equal(original with { Movie = original.Movie with { Genres = null } }, parsed with { Movie = parsed.Movie with { Genres = null } });
        Assert.Equal(original.Movie.Genres, parsed.Movie.Genres);
        Assert.Equal(original.Timestamp.Offset, parsed.Timestamp.Offset);
    }

    [Fact]
    public void Writes_the_contract_shape_with_snake_case_keys_and_upper_case_type()
    {
        using var json = JsonDocument.Parse(EventJson.Serialize(FullEvent));
        var root = json.RootElement;

        Assert.Equal(["event_type", "user_id", "movie", "timestamp"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["name", "year", "rating", "imdb_id", "genres", "duration", "director", "actors", "date", "old_rating", "new_rating"],
            root.GetProperty("movie").EnumerateObject().Select(p => p.Name));
        Assert.Equal("UPDATE_RATING", root.GetProperty("event_type").GetString());
        Assert.Equal("2026-01-19T21:04:11.532871+01:00", root.GetProperty("timestamp").GetString());
    }

    [Fact]
    public void Missing_fields_are_written_as_null_and_text_stays_readable()
    {
        var text = EventJson.Serialize(FullEvent with { Movie = new MovieInfo { Name = "Amélie" } });

        Assert.Contains("\"name\":\"Amélie\"", text);
        Assert.Contains("\"genres\":null", text);
        Assert.Contains("\"rating\":null", text);
    }

    [Theory]
    [InlineData(MovieEventType.Add, "ADD")]
    [InlineData(MovieEventType.Delete, "DELETE")]
    [InlineData(MovieEventType.UpdateRating, "UPDATE_RATING")]
    [InlineData(MovieEventType.BulkImport, "BULK_IMPORT")]
    [InlineData(MovieEventType.Recalculate, "RECALCULATE")]
    public void Every_event_type_has_its_wire_name(MovieEventType type, string wire)
    {
        Assert.Equal(wire, EventTypeNames.ToWire(type));
        Assert.True(EventTypeNames.TryParse(wire.ToLowerInvariant(), out var back));
        Assert.Equal(type, back);
    }
}
