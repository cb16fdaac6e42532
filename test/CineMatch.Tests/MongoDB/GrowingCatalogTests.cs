using CineMatch.Catalog;
using CineMatch.Documents;
using CineMatch.Events;
using CineMatch.Statistics.MongoDB;
using CineMatch.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Bson;
using MongoDB.Driver;
using static CineMatch.Tests.Support.Events;

namespace CineMatch.Tests.MongoDB;

/// <summary>
/// The backend adds films to <c>movies_catalog</c> while the system runs (CONTRACT section 6b): the real grains in
/// MongoDB mode see them without a restart, and the counts of entries whose match changed move to the film's key.
/// </summary>
[Collection(MongoServerCollection.Name)]
public sealed class GrowingCatalogTests(MongoServer server)
{
    private static readonly CatalogMovie Alien = new() { ImdbId = "tt0078748", Title = "Alien", NormalizedTitle = "alien", Year = 1979, Genres = ["Horror"] };

    // Added by the backend while the cluster runs; the users send another title spelling and no imdb id.
    private static readonly CatalogMovie Zardoz = new()
    {
        ImdbId = "tt0070948", Title = "Zardoz", NormalizedTitle = "zardoz", Year = 1974, Genres = ["Sci-Fi"], Director = "John Boorman",
        PosterUrl = "https://posters/zardoz.jpg",
    };

    [Fact]
    public async Task A_film_added_to_the_stored_catalog_is_matched_by_the_next_event_and_an_earlier_entry_moves_its_count_to_it()
    {
        // No periodic refresh: only the lookup of a film that misses can find the new film. Nor is ann's miss remembered
        // (the default would skip asking again for five minutes, leaving it to the refresh).
        await using var silo = await StreamingMongoSilo.StartAsync(
            server, [Alien], new Dictionary<string, string?> { ["Catalog:RefreshInterval"] = "00:00:00", ["Catalog:MissRetention"] = "00:00:00" });
        var annAdds = Add("ann", "ZARDOZ!", 1974, T0, rating: 4, date: "2026-01-05", genres: ["Fantasy"]);
        await silo.PublishAsync(annAdds);
        await silo.AssertDocumentsOfAsync([Alien], [annAdds], "ann's film, unknown to the catalog, counted under its own key");
        Assert.NotNull(await CountAsync(silo, "zardoz|1974"));

        await StreamingMongoSilo.InsertCatalogAsync(silo.Database, [Zardoz]);
        var bobAdds = Add("bob", "Zardoz", 1974, T0.AddMinutes(1), rating: 5, date: "2026-01-06");
        await silo.PublishAsync(bobAdds);

        // bob's first statistics are already enriched from the film found in movies_catalog.
        UserStatsDocument? bob = null;
        await Eventually.TrueAsync(async () => (bob = await silo.Grains.GetGrain<IUserStatsGrain>("bob").GetStatsAsync()) is not null, "bob's statistics");
        var film = Assert.Single(bob!.TopRatedMovies);
        Assert.Equal(("tt0070948", "John Boorman", "https://posters/zardoz.jpg"), (film.ImdbId, film.Director, film.PosterUrl));

        // ann's next batch applies nothing (an event past her watermark), yet her entry is re-enriched: its count moves
        // from the unmatched key to the film's, exactly, as if the catalog had held the film from the start.
        await silo.PublishAsync(Add("ann", "Alien", 1979, T0.AddHours(-3)));
        await silo.AssertDocumentsOfAsync([Alien, Zardoz], [annAdds, bobAdds], "both entries counted under the catalog film's key");
        Assert.Null(await CountAsync(silo, "zardoz|1974"));
        Assert.Equal(2, (await CountAsync(silo, "tt0070948"))!["count"].ToInt64());
    }

    [Fact]
    public async Task The_periodic_refresh_brings_a_film_added_to_the_stored_catalog_into_the_silo()
    {
        await using var silo = await StreamingMongoSilo.StartAsync(server, [Alien], new Dictionary<string, string?> { ["Catalog:RefreshInterval"] = "00:00:01" });
        var live = silo.Services.GetRequiredService<LiveCatalog>();
        Assert.Null(live.Match("Zardoz", 1974, null));

        await StreamingMongoSilo.InsertCatalogAsync(silo.Database, [Zardoz]);

        await Eventually.TrueAsync(() => live.Match("Zardoz", 1974, null) is not null, "a refresh to load the film added to movies_catalog");
    }

    private static async Task<BsonDocument?> CountAsync(StreamingMongoSilo silo, string filmKey) =>
        await StreamingMongoSilo.Collection(silo.Database, CollectionNames.MovieCounts).Find(Builders<BsonDocument>.Filter.Eq("_id", filmKey)).FirstOrDefaultAsync();
}
