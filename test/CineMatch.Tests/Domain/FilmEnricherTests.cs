using CineMatch.Catalog;
using CineMatch.Counting;
using CineMatch.Statistics;

namespace CineMatch.Tests.Domain;

public class FilmEnricherTests
{
    private static readonly CatalogMovie SpiritedAway = new()
    {
        ImdbId = "tt0245429",
        Title = "Spirited Away",
        OriginalTitle = "Sen to Chihiro no kamikakushi",
        Year = 2001,
        Genres = ["Animation", "Fantasy"],
        Duration = 125,
        Director = "Hayao Miyazaki",
        Actors = "Rumi Hiiragi, Miyu Irino",
        AvgVote = 8.6,
        PosterUrl = "https://img/sa.jpg",
        Description = "A girl in the spirit world.",
    };

    private static readonly CatalogMovie KingKong1976 = new() { Title = "King Kong", Year = 1976, Director = "John Guillermin" };

    private static readonly CatalogIndex Catalog = new([SpiritedAway, KingKong1976]);

    [Fact]
    public void A_matched_entry_takes_the_catalog_fields()
    {
        var film = Entry("Spirited Away", 2001) with
        {
            Genres = ["Anime"],
            Duration = 120,
            Director = "H. Miyazaki",
            Actors = "Someone",
            ImdbId = null,
            Rating = 5,
            Date = "2026-01-19",
        };

        var enriched = FilmEnricher.Enrich(film, Catalog);

        Assert.Equal(["Animation", "Fantasy"], enriched.Genres);
        Assert.Equal(125, enriched.Duration);
        Assert.Equal("Hayao Miyazaki", enriched.Director);
        Assert.Equal("Rumi Hiiragi, Miyu Irino", enriched.Actors);
        Assert.Equal("tt0245429", enriched.ImdbId);
        Assert.Equal(8.6, enriched.AvgVote);
        Assert.Equal("A girl in the spirit world.", enriched.Description);
        Assert.Equal("https://img/sa.jpg", enriched.PosterUrl);
        Assert.Equal("Spirited Away", enriched.Name);
        Assert.Equal(5, enriched.Rating);
        Assert.Equal("2026-01-19", enriched.Date);
    }

    [Fact]
    public void Empty_catalog_fields_leave_the_entry_fields_standing()
    {
        var film = Entry("King Kong", 1976) with { Genres = ["Adventure"], Duration = 134, Actors = "Jessica Lange", ImdbId = "tt0074751" };

        var enriched = FilmEnricher.Enrich(film, Catalog);

        Assert.Equal(["Adventure"], enriched.Genres);
        Assert.Equal(134, enriched.Duration);
        Assert.Equal("Jessica Lange", enriched.Actors);
        Assert.Equal("tt0074751", enriched.ImdbId);
        Assert.Equal("John Guillermin", enriched.Director);
        Assert.Null(enriched.PosterUrl);
        Assert.Null(enriched.AvgVote);
    }

    [Fact]
    public void Blank_catalog_text_does_not_wipe_the_entry()
    {
        var catalog = new CatalogIndex([KingKong1976 with { Director = " ", Actors = "" }]);

        var enriched = FilmEnricher.Enrich(Entry("King Kong", 1976) with { Director = "J. Guillermin", Actors = "Jeff Bridges" }, catalog);

        Assert.Equal("J. Guillermin", enriched.Director);
        Assert.Equal("Jeff Bridges", enriched.Actors);
    }

    [Fact]
    public void The_catalog_year_only_fills_a_missing_one_and_the_sent_year_is_kept()
    {
        var withoutYear = FilmEnricher.Enrich(Entry("Spirited Away", null), Catalog);
        var withOtherYear = FilmEnricher.Enrich(Entry("Spirited Away", 2002) with { ImdbId = "tt0245429" }, Catalog);

        Assert.Equal(2001, withoutYear.Year);
        Assert.Null(withoutYear.SentYear);
        Assert.Equal(2002, withOtherYear.Year);
        Assert.Equal(2002, withOtherYear.SentYear);
    }

    [Fact]
    public void An_unmatched_entry_keeps_its_own_fields()
    {
        var film = Entry("My Home Video", 2020) with { Genres = null, Director = "Me | My Sister", Duration = 12, Rating = 3 };

        var enriched = FilmEnricher.Enrich(film, Catalog);

        Assert.Empty(enriched.Genres);
        Assert.Equal("Me | My Sister", enriched.Director);
        Assert.Equal(12, enriched.Duration);
        Assert.Equal(2020, enriched.Year);
        Assert.Null(enriched.PosterUrl);
        Assert.Null(enriched.Description);
        Assert.Equal(new FilmLabel("My Home Video", 2020, null), enriched.Label);
    }

    [Fact]
    public void A_matched_entry_is_labelled_with_the_catalog_title_year_and_poster()
    {
        var enriched = FilmEnricher.Enrich(Entry("sen to chihiro no kamikakushi", null), Catalog);

        Assert.Equal(new FilmLabel("Spirited Away", 2001, "https://img/sa.jpg"), enriched.Label);
        Assert.Equal("sen to chihiro no kamikakushi", enriched.Name);
    }

    [Theory]
    [InlineData("Spirited Away", 2001, null, "tt0245429")] // matched, catalog has an imdb id
    [InlineData("Sen to Chihiro no Kamikakushi", null, "TT0245429", "tt0245429")]
    [InlineData("King Kong", 1976, "tt0074751", "king kong|1976")] // matched, catalog without id: catalog title and year
    [InlineData("KING KONG!", null, null, "king kong|1976")]
    [InlineData("Alien", 1979, "tt0078748", "tt0078748")] // unmatched, entry has an id
    [InlineData("Alien", 1979, " TT0078748 ", "tt0078748")]
    [InlineData("Alien", 1979, null, "alien|1979")] // unmatched, no id
    [InlineData("Alien", null, null, "alien|")]
    [InlineData("Léon: The Professional", 1994, "", "leon the professional|1994")]
    public void Film_keys_follow_the_contract_order(string name, int? year, string? imdbId, string expectedKey)
    {
        var enriched = FilmEnricher.Enrich(Entry(name, year) with { ImdbId = imdbId }, Catalog);

        Assert.Equal(expectedKey, enriched.FilmKey);
    }

    [Fact]
    public void Every_spelling_of_a_catalog_film_counts_as_one_film()
    {
        var spellings = new[]
        {
            Entry("Spirited Away", 2001),
            Entry("spirited away!", null),
            Entry("Sen to Chihiro no kamikakushi", 2001),
            Entry("Whatever", 1999) with { ImdbId = "tt0245429" },
        };

        Assert.Single(spellings.Select(film => FilmEnricher.Enrich(film, Catalog).FilmKey).Distinct());
    }

    [Fact]
    public void Remakes_on_the_bundled_catalog_get_different_keys_and_labels()
    {
        var catalog = new CatalogIndex(BundledCatalog.All);

        var old = FilmEnricher.Enrich(Entry("King Kong", 1976), catalog);
        var remake = FilmEnricher.Enrich(Entry("King Kong", 2005), catalog);

        Assert.Equal("king kong|1976", old.FilmKey);
        Assert.Equal("king kong|2005", remake.FilmKey);
        Assert.Equal("John Guillermin", old.Director);
        Assert.Equal("Peter Jackson", remake.Director);
        Assert.Equal(["Adventure"], remake.Genres);
    }

    private static WatchedFilm Entry(string name, int? year) => new() { Name = name, Year = year };
}
