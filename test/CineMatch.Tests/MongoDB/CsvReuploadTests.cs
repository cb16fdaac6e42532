using CineMatch.Catalog;
using CineMatch.Events;
using CineMatch.Statistics.MongoDB;
using CineMatch.Tests.Support;
using MongoDB.Bson;
using MongoDB.Driver;
using static CineMatch.Tests.Support.Events;

namespace CineMatch.Tests.MongoDB;

/// <summary>
/// The backend's CSV re-upload (CONTRACT section 6b) against the real grains in MongoDB mode: the backend deletes the
/// user's <c>movies</c>, inserts the new list, then sends one BULK_IMPORT per film, in order, through the normal path.
/// </summary>
[Collection(MongoServerCollection.Name)]
public sealed class CsvReuploadTests(MongoServer server)
{
    private static readonly DateTimeOffset Upload = T0.AddHours(2);

    private static readonly CatalogMovie[] Catalog =
    [
        new() { ImdbId = "tt0078748", Title = "Alien", NormalizedTitle = "alien", Year = 1979, Genres = ["Horror", "Sci-Fi"], Duration = 117, Director = "Ridley Scott" },
        new() { ImdbId = "tt0113277", Title = "Heat", NormalizedTitle = "heat", Year = 1995, Genres = ["Crime", "Drama"], Duration = 170, Director = "Michael Mann" },
        new() { ImdbId = "tt0089881", Title = "Ran", NormalizedTitle = "ran", Year = 1985, Genres = ["Drama", "War"], Duration = 162, Director = "Akira Kurosawa" },
        new() { ImdbId = "tt0088846", Title = "Brazil", NormalizedTitle = "brazil", Year = 1985, Genres = ["Sci-Fi"], Duration = 132, Director = "Terry Gilliam" },
    ];

    private static MovieEvent Import(string name, int year, DateTimeOffset at, int rating, string date) =>
        Make(MovieEventType.BulkImport, "ann", at, new MovieInfo { Name = name, Year = year, Rating = rating, Date = date });

    [Fact]
    public async Task A_reupload_split_over_batches_leaves_exactly_the_new_list_an_event_after_it_wins_and_a_repeat_changes_nothing()
    {
        await using var silo = await StreamingMongoSilo.StartAsync(server, Catalog);
        var movies = StreamingMongoSilo.Collection(silo.Database, CollectionNames.Movies);

        // Before: ann holds Alien, Heat and Ran; bob holds Heat, so Heat's count must drop to 1, not to 0.
        MovieEvent[] before =
        [
            Add("ann", "Alien", 1979, T0, rating: 3, date: "2026-01-01"),
            Add("ann", "Heat", 1995, T0.AddMinutes(1), rating: 4, date: "2026-01-02"),
            Add("ann", "Ran", 1985, T0.AddMinutes(2), rating: 5, date: "2026-01-03"),
            Add("bob", "Heat", 1995, T0.AddMinutes(3), rating: 5, date: "2026-01-04"),
        ];
        await movies.InsertManyAsync(before.Select(Stored));
        await silo.PublishAsync(before);
        await silo.AssertDocumentsOfAsync(Catalog, before, "the old lists");

        // The re-upload: Brazil and Heat (another rating); Alien and Ran are gone. Then, in the app, ann adds Kes:
        // its event is stamped after the import, and reaches the grain before the import's last event.
        MovieEvent[] newList = [Import("Brazil", 1985, Upload, 5, "2026-02-01"), Import("Heat", 1995, Upload.AddSeconds(1), 2, "2026-02-02")];
        var kes = Add("ann", "Kes", 1969, Upload.AddMinutes(5), rating: 4, date: "2026-02-03");
        await movies.DeleteManyAsync(Builders<BsonDocument>.Filter.Eq("user_id", "ann"));
        await movies.InsertManyAsync([.. newList.Select(Stored), Stored(kes)]);
        await silo.PublishAsync(newList[0]);
        await silo.PublishAsync(kes);
        await silo.PublishAsync(newList[1]);

        MovieEvent[] expected = [before[3], .. newList, kes];
        await silo.AssertDocumentsOfAsync(Catalog, expected, "after the re-upload");

        // The same import again (a duplicate send), then a rating change that shows it was processed.
        var rated = Rate("ann", "Kes", 1969, Upload.AddMinutes(6), 1);
        await silo.PublishAsync([.. newList, rated]);
        await silo.AssertDocumentsOfAsync(Catalog, [.. expected, rated], "after the import was sent again");
    }

    /// <summary>The document the backend keeps in <c>movies</c> for the film of an event.</summary>
    private static BsonDocument Stored(MovieEvent movieEvent) => new()
    {
        { "user_id", movieEvent.UserId },
        { "name", movieEvent.Movie.Name },
        { "year", movieEvent.Movie.Year is { } year ? year : BsonNull.Value },
        { "rating", movieEvent.Movie.Rating is { } rating ? rating : BsonNull.Value },
        { "date", movieEvent.Movie.Date is { } date ? date : BsonNull.Value },
        { "added_at", movieEvent.Timestamp.UtcDateTime },
    };
}
