using CineMatch.Catalog;

namespace CineMatch.Tests.Domain;

public class CatalogIndexTests
{
    private static readonly CatalogIndex Bundled = new(BundledCatalog.All);

    [Fact]
    public void Indexes_every_film_of_the_bundled_catalog()
    {
        Assert.Equal(3200, Bundled.Count);
    }

    [Theory]
    [InlineData("King Kong", 1976, "John Guillermin")]
    [InlineData("King Kong", 2005, "Peter Jackson")]
    [InlineData("Dawn of the Dead", 2004, "Zack Snyder")]
    [InlineData("Alien", 1979, "Ridley Scott")]
    public void Remakes_with_the_same_title_stay_apart_by_year(string name, int year, string director)
    {
        var match = Bundled.Match(name, year, null);

        Assert.NotNull(match);
        Assert.Equal(year, match.Year);
        Assert.Equal(director, match.Director);
    }

    [Theory]
    [InlineData("The Omen", 2006)]
    [InlineData("the omen", 2006)]
    [InlineData("THE OMEN!", 2006)]
    [InlineData("King Kong", 2005)]
    [InlineData("Dawn of the Dead", 2004)]
    [InlineData("Alien", 1992)] // "Alien³" normalizes to "alien" too, and is the most recent
    public void Without_a_year_the_most_recent_film_of_that_title_wins(string name, int expectedYear)
    {
        Assert.Equal(expectedYear, Bundled.Match(name, null, null)?.Year);
    }

    [Fact]
    public void A_year_the_catalog_does_not_hold_falls_back_to_the_most_recent_film()
    {
        Assert.Equal(2005, Bundled.Match("King Kong", 1933, null)?.Year);
    }

    [Fact]
    public void Misencoded_catalog_titles_still_match_their_accented_names()
    {
        var match = Bundled.Match("Le Fabuleux destin d'Amélie Poulain", null, null);

        Assert.NotNull(match);
        Assert.Equal("Le Fabuleux destin d'AmÈlie Poulain", match.Title);
    }

    [Fact]
    public void An_unknown_title_does_not_match()
    {
        Assert.Null(Bundled.Match("A Film That Was Never Made", 2026, null));
        Assert.Null(Bundled.Match("!!!", null, null));
    }

    [Fact]
    public void Imdb_id_wins_over_title_and_year()
    {
        var index = new CatalogIndex([Film("Alien", 1979, "tt0078748"), Film("Aliens", 1986, "tt0090605")]);

        Assert.Equal("Aliens", index.Match("Alien", 1979, "tt0090605")?.Title);
    }

    [Theory]
    [InlineData("TT0090605")]
    [InlineData(" tt0090605 ")]
    public void Imdb_ids_are_compared_trimmed_and_ignoring_case(string imdbId)
    {
        var index = new CatalogIndex([Film("Aliens", 1986, "tt0090605")]);

        Assert.Equal("Aliens", index.Match("Something else", null, imdbId)?.Title);
    }

    [Fact]
    public void An_imdb_id_the_catalog_does_not_hold_goes_on_to_the_title_rules()
    {
        var index = new CatalogIndex([Film("Alien", 1979, "tt0078748")]);

        Assert.Equal("Alien", index.Match("Alien", 1979, "tt9999999")?.Title);
    }

    [Fact]
    public void The_original_title_matches_too()
    {
        var index = new CatalogIndex([Film("Spirited Away", 2001) with { OriginalTitle = "Sen to Chihiro no kamikakushi" }]);

        Assert.Equal("Spirited Away", index.Match("Sen to Chihiro no Kamikakushi", 2001, null)?.Title);
    }

    [Fact]
    public void Titles_are_normalized_by_the_index_not_taken_on_trust()
    {
        var stale = Film("Léon: The Professional", 1994) with { NormalizedTitle = null, NormalizedOriginalTitle = "wrong" };
        var index = new CatalogIndex([stale]);

        Assert.Same(stale, index.Match("Leon The Professional", 1994, null));
        Assert.Same(stale, index.Match("wrong", 1994, null));
    }

    [Fact]
    public void Same_title_and_year_twice_takes_the_first_in_catalog_order()
    {
        var first = Film("Crash", 2004) with { Director = "Paul Haggis" };
        var second = Film("Crash", 2004) with { Director = "Someone Else" };
        var index = new CatalogIndex([first, second]);

        Assert.Same(first, index.Match("Crash", 2004, null));
        Assert.Same(first, index.Match("Crash", null, null));
    }

    [Fact]
    public void Rule_three_prefers_the_newest_year_and_a_dated_film_over_an_undated_one()
    {
        var undated = Film("Crash", null);
        var old = Film("Crash", 1996);
        var newer = Film("Crash", 2004);
        var index = new CatalogIndex([undated, newer, old]);

        Assert.Same(newer, index.Match("crash", null, null));
        Assert.Same(undated, new CatalogIndex([undated]).Match("Crash", 1996, null));
    }

    [Fact]
    public void An_entry_without_year_does_not_meet_the_title_and_year_rule_of_an_undated_film()
    {
        var undated = Film("Crash", null);
        var dated = Film("Crash", 2004);
        var index = new CatalogIndex([undated, dated]);

        Assert.Same(dated, index.Match("Crash", null, null));
    }

    private static CatalogMovie Film(string title, int? year, string? imdbId = null) =>
        new() { Title = title, OriginalTitle = title, Year = year, ImdbId = imdbId };
}
