using CineMatch.Catalog;

namespace CineMatch.Tests.Domain;

public class TitleNormalizerTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("Spirited Away", "spirited away")]
    [InlineData("Amélie", "amelie")]
    [InlineData("Le fabuleux destin d'Amélie Poulain", "le fabuleux destin d amelie poulain")]
    [InlineData("Ōkami Kōdō", "okami kodo")]
    [InlineData("ĀĒĪŌŪ āēīōū", "aeiou aeiou")]
    [InlineData("Łódź", "lodz")]
    [InlineData("Smørrebrød ØRE", "smorrebrod ore")]
    [InlineData("Æon Flux", "aeon flux")]
    [InlineData("Cæsar", "caesar")]
    [InlineData("Œuvre cœur", "oeuvre coeur")]
    [InlineData("Die Straße", "die strasse")]
    [InlineData("GROẞE", "grosse")]
    [InlineData("Đorđe đ", "dorde d")]
    [InlineData("El Niño AÑO", "el nino ano")]
    [InlineData("Ça ira, garçon", "ca ira garcon")]
    [InlineData("Crème brûlée à la façon", "creme brulee a la facon")]
    [InlineData("Spider-Man: No Way Home", "spider man no way home")]
    [InlineData("Spider Man No Way Home", "spider man no way home")]
    [InlineData("Let's Talk About Sex", "let s talk about sex")]
    [InlineData("Se7en", "se7en")]
    [InlineData("2001: A Space Odyssey", "2001 a space odyssey")]
    [InlineData("  The\tGodfather \n Part II  ", "the godfather part ii")]
    [InlineData("A\u00A0B\u2003C", "a b c")]
    [InlineData("!!!", "")]
    [InlineData("Wall·E", "wall e")]
    [InlineData("千と千尋の神隠し", "")]
    [InlineData("Leon 🦁 the Professional", "leon the professional")]
    [InlineData("Ａｌｉｅｎ", "")]
    public void Folds_accents_and_punctuation_to_lower_case_ascii_words(string? title, string expected)
    {
        Assert.Equal(expected, TitleNormalizer.Normalize(title));
    }

    [Fact]
    public void Combining_marks_already_decomposed_are_dropped_not_turned_into_spaces()
    {
        Assert.Equal("amelie", TitleNormalizer.Normalize("Ame\u0301lie"));
    }

    [Fact]
    public void Normalizing_twice_changes_nothing()
    {
        foreach (var title in new[] { "Æon Flux", "Łódź — Story", "Spider-Man", "Crème brûlée" })
        {
            var once = TitleNormalizer.Normalize(title);
            Assert.Equal(once, TitleNormalizer.Normalize(once));
        }
    }
}
