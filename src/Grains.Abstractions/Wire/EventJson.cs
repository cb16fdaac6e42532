using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CineMatch.Events;

namespace CineMatch.Wire;

/// <summary>Writes an event back in the contract's JSON shape (for <c>late_events</c> and replays); <see cref="EventParser"/> reads it back unchanged.</summary>
public static class EventJson
{
    // Fraction without trailing zeros, offset kept: the instant and the offset both survive a round trip.
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The event in the contract's JSON shape (snake_case, as the backend writes it). The log position is not part of it.</summary>
    public static string Serialize(MovieEvent movieEvent)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("event_type", EventTypeNames.ToWire(movieEvent.Type));
            writer.WriteString("user_id", movieEvent.UserId);
            writer.WritePropertyName("movie");
            WriteMovie(writer, movieEvent.Movie);
            writer.WriteString("timestamp", FormatTimestamp(movieEvent.Timestamp));
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    private static void WriteMovie(Utf8JsonWriter writer, MovieInfo movie)
    {
        writer.WriteStartObject();
        writer.WriteString("name", movie.Name);
        WriteInteger(writer, "year", movie.Year);
        WriteInteger(writer, "rating", movie.Rating);
        writer.WriteString("imdb_id", movie.ImdbId);
        WriteGenres(writer, movie.Genres);
        WriteInteger(writer, "duration", movie.Duration);
        writer.WriteString("director", movie.Director);
        writer.WriteString("actors", movie.Actors);
        writer.WriteString("date", movie.Date);
        WriteInteger(writer, "old_rating", movie.OldRating);
        WriteInteger(writer, "new_rating", movie.NewRating);
        writer.WriteEndObject();
    }

    private static void WriteInteger(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteGenres(Utf8JsonWriter writer, IReadOnlyList<string>? genres)
    {
        if (genres is null)
        {
            writer.WriteNull("genres");
            return;
        }

        writer.WriteStartArray("genres");
        foreach (var genre in genres)
        {
            writer.WriteStringValue(genre);
        }

        writer.WriteEndArray();
    }
}
