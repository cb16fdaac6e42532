using System.Text;
using System.Text.Json;
using CineMatch.Events;
using CineMatch.Wire;

namespace CineMatch.Tests.Domain;

public class EventParserTests
{
    private const string ContractExample = """
        {
          "event_type": "ADD",
          "user_id": "6790b1c2e4",
          "movie": {
            "name": "Spirited Away", "year": 2001, "rating": 5,
            "imdb_id": "tt0245429", "genres": ["Animation", "Family"],
            "duration": 125, "director": "Hayao Miyazaki",
            "actors": "Rumi Hiiragi, Miyu Irino", "date": "2026-01-19",
            "old_rating": null, "new_rating": null
          },
          "timestamp": "2026-01-19T21:04:11.532871+01:00"
        }
        """;

    [Fact]
    public void Reads_every_field_of_the_contract_example()
    {
        var result = EventParser.Parse(ContractExample);

        Assert.True(result.IsValid, result.Error);
        Assert.Null(result.Error);
        var e = result.Event!;
        Assert.Equal(MovieEventType.Add, e.Type);
        Assert.Equal("6790b1c2e4", e.UserId);
        Assert.Equal("Spirited Away", e.Movie.Name);
        Assert.Equal(2001, e.Movie.Year);
        Assert.Equal(5, e.Movie.Rating);
        Assert.Equal("tt0245429", e.Movie.ImdbId);
        Assert.Equal(["Animation", "Family"], e.Movie.Genres!);
        Assert.Equal(125, e.Movie.Duration);
        Assert.Equal("Hayao Miyazaki", e.Movie.Director);
        Assert.Equal("Rumi Hiiragi, Miyu Irino", e.Movie.Actors);
        Assert.Equal("2026-01-19", e.Movie.Date);
        Assert.Null(e.Movie.OldRating);
        Assert.Null(e.Movie.NewRating);
        Assert.Equal(new DateTimeOffset(2026, 1, 19, 21, 4, 11, TimeSpan.FromHours(1)).AddTicks(5328710), e.Timestamp);
        Assert.Equal(TimeSpan.FromHours(1), e.Timestamp.Offset);
        Assert.Null(e.Position);
    }

    [Theory]
    [InlineData("ADD", MovieEventType.Add)]
    [InlineData("add", MovieEventType.Add)]
    [InlineData("Delete", MovieEventType.Delete)]
    [InlineData("update_rating", MovieEventType.UpdateRating)]
    [InlineData("BULK_IMPORT", MovieEventType.BulkImport)]
    [InlineData("Recalculate", MovieEventType.Recalculate)]
    public void Event_type_is_compared_ignoring_case(string wireName, MovieEventType expected)
    {
        var result = EventParser.Parse(Event(eventType: Quote(wireName)));

        Assert.Equal(expected, result.Event?.Type);
    }

    [Fact]
    public void A_delete_with_only_name_year_rating_date_is_valid()
    {
        var result = EventParser.Parse("""
            {"event_type":"DELETE","user_id":"u1","movie":{"name":"Alien","year":1979,"rating":4,"date":"2026-01-02"},
             "timestamp":"2026-01-19T20:04:11Z"}
            """);

        Assert.True(result.IsValid, result.Error);
        Assert.Null(result.Event!.Movie.Genres);
        Assert.Null(result.Event.Movie.ImdbId);
    }

    [Fact]
    public void Unknown_fields_are_ignored()
    {
        var result = EventParser.Parse("""
            {"event_type":"ADD","user_id":"u1","source":"csv","movie":{"name":"Alien","poster":"x.jpg","extra":{"a":[1]}},
             "timestamp":"2026-01-19T20:04:11Z"}
            """);

        Assert.True(result.IsValid, result.Error);
    }

    [Theory]
    [InlineData("4", 4)]
    [InlineData("4.0", 4)]
    [InlineData("4e0", 4)]
    [InlineData("-0", 0)]
    [InlineData("null", null)]
    public void Integer_fields_accept_integral_numbers(string rating, int? expected)
    {
        var result = EventParser.Parse(Event(movie: $$"""{"name":"Alien","rating":{{rating}}}"""));

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(expected, result.Event!.Movie.Rating);
    }

    [Fact]
    public void Blank_optional_text_fields_read_as_missing()
    {
        var result = EventParser.Parse(Event(movie: """{"name":"Alien","imdb_id":"","director":"  ","actors":"","date":""}"""));

        Assert.True(result.IsValid, result.Error);
        Assert.Null(result.Event!.Movie.ImdbId);
        Assert.Null(result.Event.Movie.Director);
        Assert.Null(result.Event.Movie.Actors);
        Assert.Null(result.Event.Movie.Date);
    }

    [Theory]
    [InlineData("2026-01-19T21:04:11.532871+01:00", 2026, 1, 19, 21, 4, 11, 5328710, 60)]
    [InlineData("2026-01-19T20:04:11.532Z", 2026, 1, 19, 20, 4, 11, 5320000, 0)]
    [InlineData("2026-01-19T20:04:11Z", 2026, 1, 19, 20, 4, 11, 0, 0)]
    [InlineData("2026-01-19T15:04:11.1234567-05:00", 2026, 1, 19, 15, 4, 11, 1234567, -300)]
    [InlineData("2026-01-19 21:04:11.532871+01:00", 2026, 1, 19, 21, 4, 11, 5328710, 60)]
    [InlineData("2026-01-19T21:04+01:00", 2026, 1, 19, 21, 4, 0, 0, 60)]
    [InlineData("2026-01-19T21:04:11+0100", 2026, 1, 19, 21, 4, 11, 0, 60)]
    [InlineData("2026-01-19T21:04:11.532871", 2026, 1, 19, 21, 4, 11, 5328710, 0)] // no offset: taken as UTC
    public void Timestamp_accepts_iso_8601_forms_the_backend_writes(
        string timestamp, int year, int month, int day, int hour, int minute, int second, int ticks, int offsetMinutes)
    {
        var result = EventParser.Parse(Event(timestamp: Quote(timestamp)));

        Assert.True(result.IsValid, result.Error);
        var expected = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.FromMinutes(offsetMinutes)).AddTicks(ticks);
        Assert.Equal(expected, result.Event!.Timestamp);
        Assert.Equal(expected.Offset, result.Event.Timestamp.Offset);
    }

    [Theory]
    [InlineData("{", "not JSON: ")]
    [InlineData("", "not JSON: ")]
    [InlineData("hello", "not JSON: ")]
    [InlineData("""{"event_type":"ADD"} trailing""", "not JSON: ")]
    [InlineData("[1,2]", "not a JSON object: got array")]
    [InlineData("\"ADD\"", "not a JSON object: got string")]
    [InlineData("null", "not a JSON object: got null")]
    public void Rejects_what_is_not_a_json_object(string raw, string reasonStart)
    {
        var result = EventParser.Parse(raw);

        Assert.False(result.IsValid);
        Assert.Null(result.Event);
        Assert.StartsWith(reasonStart, result.Error);
    }

    public static TheoryData<string, string> BadEvents => new()
    {
        { Without("event_type"), "missing event_type" },
        { Event(eventType: "null"), "missing event_type" },
        { Event(eventType: "1"), "event_type: expected a string, got number" },
        { Event(eventType: "\"FOO\""), "unknown event_type 'FOO'" },
        { Event(eventType: "\" ADD\""), "unknown event_type ' ADD'" },
        { Without("user_id"), "missing user_id" },
        { Event(userId: "null"), "missing user_id" },
        { Event(userId: "\"\""), "user_id: empty" },
        { Event(userId: "\"   \""), "user_id: empty" },
        { Event(userId: "42"), "user_id: expected a string, got number" },
        { Event(userId: "{\"$oid\":\"1\"}"), "user_id: expected a string, got object" },
        { Without("movie"), "missing movie" },
        { Event(movie: "null"), "missing movie" },
        { Event(movie: "[]"), "movie: expected an object, got array" },
        { Event(movie: "\"Alien\""), "movie: expected an object, got string" },
        { Event(movie: "{}"), "missing movie.name" },
        { Event(movie: """{"name":null}"""), "missing movie.name" },
        { Event(movie: """{"name":""}"""), "movie.name: empty" },
        { Event(movie: """{"name":7}"""), "movie.name: expected a string, got number" },
        { Event(movie: """{"name":"Alien","rating":"4"}"""), "movie.rating: expected an integer, got string" },
        { Event(movie: """{"name":"Alien","rating":4.5}"""), "movie.rating: expected an integer, got 4.5" },
        { Event(movie: """{"name":"Alien","rating":true}"""), "movie.rating: expected an integer, got boolean" },
        { Event(movie: """{"name":"Alien","year":"1979"}"""), "movie.year: expected an integer, got string" },
        { Event(movie: """{"name":"Alien","year":1e12}"""), "movie.year: expected an integer, got 1e12" },
        { Event(movie: """{"name":"Alien","duration":[117]}"""), "movie.duration: expected an integer, got array" },
        { Event(movie: """{"name":"Alien","old_rating":3.2}"""), "movie.old_rating: expected an integer, got 3.2" },
        { Event(movie: """{"name":"Alien","new_rating":"five"}"""), "movie.new_rating: expected an integer, got string" },
        { Event(movie: """{"name":"Alien","genres":"Horror"}"""), "movie.genres: expected an array of strings, got string" },
        { Event(movie: """{"name":"Alien","genres":["Horror",3]}"""), "movie.genres[1]: expected a string, got number" },
        { Event(movie: """{"name":"Alien","genres":[null]}"""), "movie.genres[0]: expected a string, got null" },
        { Event(movie: """{"name":"Alien","imdb_id":78748}"""), "movie.imdb_id: expected a string, got number" },
        { Event(movie: """{"name":"Alien","director":["Ridley Scott"]}"""), "movie.director: expected a string, got array" },
        { Event(movie: """{"name":"Alien","actors":{"lead":"Sigourney Weaver"}}"""), "movie.actors: expected a string, got object" },
        { Event(movie: """{"name":"Alien","date":20260119}"""), "movie.date: expected a string, got number" },
        { Without("timestamp"), "missing timestamp" },
        { Event(timestamp: "null"), "missing timestamp" },
        { Event(timestamp: "1768853051"), "timestamp: expected a string, got number" },
        { Event(timestamp: "\"yesterday\""), "timestamp: not an ISO-8601 date-time with offset: 'yesterday'" },
        { Event(timestamp: "\"2026-01-19\""), "timestamp: not an ISO-8601 date-time with offset: '2026-01-19'" },
        { Event(timestamp: "\"2026-13-19T10:00:00Z\""), "timestamp: not an ISO-8601 date-time with offset: '2026-13-19T10:00:00Z'" },
        { Event(timestamp: "\"2026-01-19T21:04:11+01\""), "timestamp: not an ISO-8601 date-time with offset: '2026-01-19T21:04:11+01'" },
        { Event(timestamp: "\"2026-01-19T21:04:11.123456789Z\""), "timestamp: not an ISO-8601 date-time with offset: '2026-01-19T21:04:11.123456789Z'" },
        { Event(timestamp: "\"19/01/2026 10:00\""), "timestamp: not an ISO-8601 date-time with offset: '19/01/2026 10:00'" },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public void Rejects_bad_events_with_a_reason_that_names_the_field(string raw, string reason)
    {
        var result = EventParser.Parse(raw);

        Assert.False(result.IsValid);
        Assert.Equal(reason, result.Error);
    }

    [Fact]
    public void A_long_offending_value_is_cut_in_the_reason()
    {
        var result = EventParser.Parse(Event(timestamp: Quote(new string('x', 500))));

        Assert.Equal("timestamp: not an ISO-8601 date-time with offset: '" + new string('x', 40) + "...'", result.Error);
    }

    [Fact]
    public void The_three_entry_points_agree()
    {
        var bytes = Encoding.UTF8.GetBytes(ContractExample);
        using var document = JsonDocument.Parse(bytes);

        var fromBytes = EventParser.Parse(bytes).Event!;
        var fromString = EventParser.Parse(ContractExample).Event!;
        var fromElement = EventParser.Parse(document.RootElement).Event!;

        Assert.Equal(EventJson.Serialize(fromBytes), EventJson.Serialize(fromString));
        Assert.Equal(EventJson.Serialize(fromBytes), EventJson.Serialize(fromElement));
    }

    [Fact]
    public void Each_item_of_a_gateway_array_is_judged_on_its_own()
    {
        using var document = JsonDocument.Parse($"[{ContractExample}, 3, {Without("user_id")}]");

        var results = document.RootElement.EnumerateArray().Select(EventParser.Parse).ToList();

        Assert.True(results[0].IsValid);
        Assert.Equal("not a JSON object: got number", results[1].Error);
        Assert.Equal("missing user_id", results[2].Error);
    }

    [Fact]
    public void Invalid_utf8_inside_a_string_is_a_bad_event_not_a_crash()
    {
        var bytes = Encoding.UTF8.GetBytes(Event(userId: "\"u\u00e9\"")).ToArray();
        var index = Array.IndexOf(bytes, (byte)0xC3);
        bytes[index] = 0xFF;

        var result = EventParser.Parse(bytes);

        Assert.False(result.IsValid);
        Assert.StartsWith("not JSON: ", result.Error);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    public void Invalid_utf8_in_a_field_nobody_reads_is_still_a_bad_event(byte[] invalid)
    {
        var text = Encoding.UTF8.GetBytes(Event(movie: """{"name":"Alien","note":"@"}"""));
        var at = Array.IndexOf(text, (byte)'@');
        byte[] bytes = [.. text[..at], .. invalid, .. text[(at + 1)..]];

        var result = EventParser.Parse(bytes);

        Assert.False(result.IsValid);
        Assert.Equal($"not JSON: not UTF-8 at byte {at}", result.Error);
    }

    [Fact]
    public void A_leading_utf8_byte_order_mark_is_skipped_as_the_gateway_skips_it()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Event())];

        var result = EventParser.Parse(bytes);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(EventParser.Parse(Event()).Event, result.Event);
    }

    [Fact]
    public void Never_throws_on_random_bytes_or_truncated_and_corrupted_events()
    {
        var random = new Random(20260119);
        var valid = Encoding.UTF8.GetBytes(ContractExample);
        for (var i = 0; i < 3000; i++)
        {
            var input = (i % 3) switch
            {
                0 => RandomBytes(random, random.Next(0, 64)),
                1 => valid[..random.Next(0, valid.Length)],
                _ => Corrupted(random, valid),
            };

            var result = EventParser.Parse(input);

            Assert.True(result.IsValid ^ (result.Error is not null), $"input {Convert.ToHexString(input)}");
        }
    }

    [Fact]
    public void Never_throws_on_deep_nesting()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);

        Assert.StartsWith("not JSON: ", EventParser.Parse(deep).Error);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Corrupted(Random random, byte[] valid)
    {
        var copy = valid.ToArray();
        for (var i = 0; i < 3; i++)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }

        return copy;
    }

    private static string Quote(string text) => JsonSerializer.Serialize(text);

    /// <summary>A valid event with one part replaced by raw JSON text.</summary>
    private static string Event(
        string eventType = "\"ADD\"",
        string userId = "\"u1\"",
        string movie = """{"name":"Alien","year":1979}""",
        string timestamp = "\"2026-01-19T20:04:11Z\"") =>
        $$"""{"event_type":{{eventType}},"user_id":{{userId}},"movie":{{movie}},"timestamp":{{timestamp}}}""";

    private static string Without(string field)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(Event())!.AsObject();
        node.Remove(field);
        return node.ToJsonString();
    }
}
