using CineMatch.Events;
using MongoDB.Bson;
using static CineMatch.Statistics.MongoDB.BsonFields;

namespace CineMatch.Statistics.MongoDB.History;

/// <summary>
/// A user's <c>movies</c> documents (user_id, name, year, rating, date, imdb_id, added_at, ...) as <c>RECALCULATE</c>
/// events stamped with <c>added_at</c>, oldest first, so that a list built from them has the backend's order. The one
/// reading of <c>movies</c>, shared by the grains' history source and reconcile.
/// </summary>
public static class MovieDocuments
{
    public static IReadOnlyList<MovieEvent> ToEvents(string userId, IEnumerable<BsonDocument> stored) =>
        stored
            .Select(document => (Document: document, AddedAt: AddedAt(document)))
            .Where(film => String(film.Document, "name") is not null)
            .OrderBy(film => film.AddedAt)
            .ThenBy(film => film.Document["_id"])
            .Select(film => new MovieEvent
            {
                Type = MovieEventType.Recalculate,
                UserId = userId,
                Movie = ToMovie(film.Document),
                Timestamp = film.AddedAt,
            })
            .ToList();

    private static MovieInfo ToMovie(BsonDocument film) => new()
    {
        Name = String(film, "name")!,
        Year = Int(film, "year"),
        Rating = Int(film, "rating"),
        ImdbId = String(film, "imdb_id"),
        Date = WatchDate(film),
        Genres = film.Contains("genres") ? Strings(film, "genres") : null,
        Duration = Int(film, "duration"),
        Director = String(film, "director"),
        Actors = String(film, "actors"),
    };

    /// <summary>The watch date as the contract reads it: kept as written when a string, the UTC day when a BSON date.</summary>
    private static string? WatchDate(BsonDocument film) =>
        film.GetValue("date", BsonNull.Value) is { IsValidDateTime: true } date
            ? date.ToUniversalTime().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : String(film, "date");

    /// <summary>When the backend stored the film; without <c>added_at</c>, the creation time inside an ObjectId id.</summary>
    private static DateTimeOffset AddedAt(BsonDocument film) =>
        Time(film, "added_at")
        ?? (film["_id"] is { IsObjectId: true } id ? new DateTimeOffset(id.AsObjectId.CreationTime, TimeSpan.Zero) : DateTimeOffset.UnixEpoch);
}
