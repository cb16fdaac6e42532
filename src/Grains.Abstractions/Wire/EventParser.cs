using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using CineMatch.Events;

namespace CineMatch.Wire;

/// <summary>
/// Reads one event record (CONTRACT section 1) and never throws: a record that cannot be used comes back
/// with a reason that names the field, for the dead-letter store (section 6).
/// </summary>
/// <remarks>
/// Decisions where the contract leaves room:
/// <list type="bullet">
/// <item>Keys are matched exactly (snake_case, as the backend writes them); unknown keys are ignored.</item>
/// <item><c>user_id</c> must be a non-empty string; a number is a wrong type (the backend always sends strings).</item>
/// <item>Integer fields take any JSON number with an integral value (4, 4.0, 4e0); 4.5, strings and booleans are wrong types.</item>
/// <item><c>genres</c> must be an array of strings (or null); a lone string is a wrong type.</item>
/// <item>Optional text fields that are empty or blank are read as missing (null).</item>
/// <item><c>timestamp</c> must be a string in ISO-8601 date-time form: <c>T</c> or space separator, seconds with up
/// to 7 fractional digits or minutes only, offset <c>Z</c>, <c>±hh:mm</c> or <c>±hhmm</c>. A date-time written without an offset is
/// taken as UTC rather than rejected: Python's <c>datetime.utcnow().isoformat()</c> writes exactly that, and losing
/// the whole stream to the dead-letter store would be worse than trusting it is UTC. A date alone is rejected.</item>
/// </list>
/// </remarks>
public static class EventParser
{
    public static EventParseResult Parse(ReadOnlySpan<byte> utf8Json)
    {
        var text = SkipByteOrderMark(utf8Json);
        if (NotUtf8Reason(text) is { } notUtf8)
        {
            return EventParseResult.Rejected(notUtf8);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text.ToArray());
        }
        catch (JsonException e)
        {
            return EventParseResult.Rejected("not JSON: " + e.Message);
        }

        using (document)
        {
            return Parse(document.RootElement);
        }
    }

    public static EventParseResult Parse(string json) => Parse(Encoding.UTF8.GetBytes(json ?? string.Empty));

    /// <summary>One event already read as JSON, such as an item of the array the HTTP gateway receives.</summary>
    public static EventParseResult Parse(JsonElement element)
    {
        try
        {
            return EventParseResult.Valid(Read(element));
        }
        catch (BadEventException e)
        {
            return EventParseResult.Rejected(e.Message);
        }
        catch (InvalidOperationException e)
        {
            // A string whose bytes are not valid UTF-8 fails only when it is read.
            return EventParseResult.Rejected("not JSON: " + e.Message);
        }
    }

    /// <summary>
    /// The bytes without a leading UTF-8 byte order mark: RFC 8259 lets a reader ignore one, and the gateway's HTTP
    /// reader always did, so the log must too or the two would sort the same event differently.
    /// </summary>
    public static ReadOnlySpan<byte> SkipByteOrderMark(ReadOnlySpan<byte> bytes) => bytes.StartsWith(ByteOrderMark) ? bytes[ByteOrderMark.Length..] : bytes;

    /// <summary>
    /// Why the bytes are not UTF-8, or null when they are. A record must be UTF-8 JSON (CONTRACT section 1); the JSON
    /// reader checks only the strings it is asked for, so without this a record with broken bytes in a field nobody
    /// reads was applied, and the gateway, which forwards the record as text, failed on it with a 500.
    /// </summary>
    public static string? NotUtf8Reason(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return null;
        }

        var at = 0;
        while (Rune.DecodeFromUtf8(bytes[at..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            at += consumed;
        }

        return $"not JSON: not UTF-8 at byte {at}";
    }

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private static MovieEvent Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new BadEventException($"not a JSON object: got {JsonFields.KindName(root.ValueKind)}");
        }

        var typeName = JsonFields.RequiredString(root, "event_type", "event_type");
        if (!EventTypeNames.TryParse(typeName, out var type))
        {
            throw new BadEventException($"unknown event_type '{typeName}'");
        }

        return new MovieEvent
        {
            Type = type,
            UserId = JsonFields.RequiredString(root, "user_id", "user_id"),
            Movie = ReadMovie(root),
            Timestamp = ReadTimestamp(root),
        };
    }

    private static MovieInfo ReadMovie(JsonElement root)
    {
        var movie = JsonFields.RequiredObject(root, "movie");
        return new MovieInfo
        {
            Name = JsonFields.RequiredString(movie, "name", "movie.name"),
            Year = JsonFields.OptionalInteger(movie, "year", "movie.year"),
            Rating = JsonFields.OptionalInteger(movie, "rating", "movie.rating"),
            ImdbId = JsonFields.OptionalString(movie, "imdb_id", "movie.imdb_id"),
            Genres = JsonFields.OptionalStringArray(movie, "genres", "movie.genres"),
            Duration = JsonFields.OptionalInteger(movie, "duration", "movie.duration"),
            Director = JsonFields.OptionalString(movie, "director", "movie.director"),
            Actors = JsonFields.OptionalString(movie, "actors", "movie.actors"),
            Date = JsonFields.OptionalString(movie, "date", "movie.date"),
            OldRating = JsonFields.OptionalInteger(movie, "old_rating", "movie.old_rating"),
            NewRating = JsonFields.OptionalInteger(movie, "new_rating", "movie.new_rating"),
        };
    }

    private static DateTimeOffset ReadTimestamp(JsonElement root)
    {
        var text = JsonFields.RequiredString(root, "timestamp", "timestamp");
        return IsoDateTime.TryParseDateTime(text, out var timestamp)
            ? timestamp
            : throw new BadEventException($"timestamp: not an ISO-8601 date-time with offset: '{JsonFields.Excerpt(text)}'");
    }
}
