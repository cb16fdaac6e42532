using CineMatch.Catalog;
using MongoDB.Bson;
using static CineMatch.Statistics.MongoDB.BsonFields;

namespace CineMatch.Statistics.MongoDB.Catalog;

/// <summary>A film of <c>movies_catalog</c> as stored (CONTRACT section 3).</summary>
internal static class CatalogDocument
{
    public static CatalogMovie? ToMovie(BsonDocument document) => String(document, "title") is not { } title ? null : new CatalogMovie
    {
        ImdbId = String(document, "imdb_id"),
        Title = title,
        OriginalTitle = String(document, "original_title"),
        NormalizedTitle = String(document, "normalized_title"),
        NormalizedOriginalTitle = String(document, "normalized_original_title"),
        Year = Int(document, "year"),
        Genres = Strings(document, "genres"),
        Duration = Int(document, "duration"),
        Director = String(document, "director"),
        Actors = String(document, "actors"),
        AvgVote = Double(document, "avg_vote"),
        PosterUrl = String(document, "poster_url"),
        Description = String(document, "description"),
    };

    /// <summary>
    /// The stored form. A film without an imdb id has no <c>imdb_id</c> field at all: the unique sparse index
    /// skips missing fields but would count every explicit null as the same key.
    /// </summary>
    public static BsonDocument ToBson(CatalogMovie movie)
    {
        var document = new BsonDocument();
        if (movie.ImdbId is not null)
        {
            document.Add("imdb_id", movie.ImdbId);
        }

        return document
            .Add("title", movie.Title)
            .Add("original_title", Nullable(movie.OriginalTitle))
            .Add("normalized_title", Nullable(movie.NormalizedTitle))
            .Add("normalized_original_title", Nullable(movie.NormalizedOriginalTitle))
            .Add("year", movie.Year is { } year ? year : BsonNull.Value)
            .Add("genres", new BsonArray(movie.Genres))
            .Add("duration", movie.Duration is { } duration ? duration : BsonNull.Value)
            .Add("director", Nullable(movie.Director))
            .Add("actors", Nullable(movie.Actors))
            .Add("avg_vote", movie.AvgVote is { } vote ? vote : BsonNull.Value)
            .Add("poster_url", Nullable(movie.PosterUrl))
            .Add("description", Nullable(movie.Description));
    }

    private static BsonValue Nullable(string? text) => text is null ? BsonNull.Value : new BsonString(text);
}
