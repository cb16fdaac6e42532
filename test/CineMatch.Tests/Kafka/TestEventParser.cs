using System.Text.Json;
using CineMatch.Domain;
using CineMatch.Events;

namespace CineMatch.Tests.Kafka;

/// <summary>
/// A deliberately small stand-in for <see cref="EventParser"/> (being written elsewhere) so the provider's tests
/// do not depend on the domain's parsing rules: user_id, event_type, movie.name and timestamp are required.
/// </summary>
internal static class TestEventParser
{
    public static EventParseResult Parse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            var type = root.GetProperty("event_type").GetString() switch
            {
                "ADD" => MovieEventType.Add,
                "DELETE" => MovieEventType.Delete,
                "UPDATE_RATING" => MovieEventType.UpdateRating,
                "BULK_IMPORT" => MovieEventType.BulkImport,
                "RECALCULATE" => MovieEventType.Recalculate,
                var other => throw new FormatException($"unknown event_type {other}"),
            };
            return new EventParseResult(
                new MovieEvent
                {
                    Type = type,
                    UserId = root.GetProperty("user_id").GetString() ?? throw new FormatException("user_id"),
                    Movie = new MovieInfo { Name = root.GetProperty("movie").GetProperty("name").GetString() ?? throw new FormatException("movie.name") },
                    Timestamp = DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                },
                null);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return new EventParseResult(null, exception.Message);
        }
    }
}
