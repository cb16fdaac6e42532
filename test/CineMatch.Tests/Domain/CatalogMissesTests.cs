using CineMatch.Catalog;
using CineMatch.Statistics;
using Microsoft.Extensions.Logging.Abstractions;

namespace CineMatch.Tests.Domain;

/// <summary>
/// Films that miss the in-memory catalog are looked up in the stored one (CONTRACT section 6b), boundedly: a stream
/// of unknown films does not become a stream of queries.
/// </summary>
public sealed class CatalogMissesTests
{
    private static readonly CatalogMovie Zardoz = new() { ImdbId = "tt0070948", Title = "Zardoz", NormalizedTitle = "zardoz", Year = 1974 };

    private sealed class StoredCatalog(params CatalogMovie[] films) : ICatalogLookup
    {
        public List<(IReadOnlyCollection<string> ImdbIds, IReadOnlyCollection<string> Titles)> Queries { get; } = [];

        public Task<IReadOnlyList<CatalogMovie>> FindAsync(IReadOnlyCollection<string> imdbIds, IReadOnlyCollection<string> normalizedTitles, CancellationToken cancellationToken)
        {
            Queries.Add((imdbIds, normalizedTitles));
            return Task.FromResult<IReadOnlyList<CatalogMovie>>(
                [.. films.Where(film => imdbIds.Contains(film.ImdbId!) || normalizedTitles.Contains(film.NormalizedTitle!))]);
        }
    }

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 19, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static WatchedFilm Film(string name, int? year, string? imdbId = null) => new() { Name = name, Year = year, ImdbId = imdbId };

    [Fact]
    public async Task A_film_found_in_the_stored_catalog_joins_the_live_one_and_moves_its_version()
    {
        var live = new LiveCatalog();
        live.Replace([]);
        var misses = new CatalogMisses(live, new StoredCatalog(Zardoz), TimeSpan.FromMinutes(5), new Clock(), NullLogger<CatalogMisses>.Instance);
        var version = live.Version;

        await misses.LookUpAsync([Film("ZARDOZ!", 1974)], default);

        Assert.Same(Zardoz, live.Match("ZARDOZ!", 1974, null));
        Assert.NotEqual(version, live.Version);
    }

    [Fact]
    public async Task Unknown_films_are_asked_for_in_one_query_per_batch_and_not_again_until_the_retention_ends()
    {
        var live = new LiveCatalog();
        var stored = new StoredCatalog();
        var clock = new Clock();
        var misses = new CatalogMisses(live, stored, TimeSpan.FromMinutes(5), clock, NullLogger<CatalogMisses>.Instance);
        WatchedFilm[] unknown = [Film("Nobody Knows", 2004, "tt0408664"), Film("Obscure", 1990), Film("Obscure", 1990)];

        await misses.LookUpAsync(unknown, default);
        var query = Assert.Single(stored.Queries);
        Assert.Equal(["tt0408664"], query.ImdbIds);
        Assert.Equal(["nobody knows", "obscure"], query.Titles.Order());

        clock.Now += TimeSpan.FromMinutes(4);
        for (var i = 0; i < 100; i++)
        {
            await misses.LookUpAsync(unknown, default);
        }

        Assert.Single(stored.Queries);

        clock.Now += TimeSpan.FromMinutes(2);
        await misses.LookUpAsync(unknown, default);
        Assert.Equal(2, stored.Queries.Count);
    }

    [Fact]
    public void A_refresh_that_finds_the_same_films_keeps_the_version_and_one_that_finds_a_change_moves_it()
    {
        var live = new LiveCatalog();
        live.Replace([Zardoz with { Genres = ["Sci-Fi"] }]);
        var version = live.Version;

        live.Replace([Zardoz with { Genres = ["Sci-Fi"] }]);
        Assert.Equal(version, live.Version);

        live.Replace([Zardoz with { Genres = ["Sci-Fi", "Fantasy"] }]);
        Assert.NotEqual(version, live.Version);
    }
}
