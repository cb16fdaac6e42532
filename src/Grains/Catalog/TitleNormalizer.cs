using System.Globalization;
using System.Text;

namespace CineMatch.Catalog;

/// <summary>
/// <c>normalize(t)</c> of CONTRACT section 3: the form in which titles are compared with the catalog.
/// The result holds only lower-case ASCII letters, digits and single spaces.
/// </summary>
public static class TitleNormalizer
{
    // Letters that NFD does not decompose into a base letter and a mark. The macron vowels decompose
    // anyway; they are listed because the contract lists them.
    private static readonly Dictionary<char, string> Folds = new()
    {
        ['ā'] = "a", ['ē'] = "e", ['ī'] = "i", ['ō'] = "o", ['ū'] = "u",
        ['Ā'] = "A", ['Ē'] = "E", ['Ī'] = "I", ['Ō'] = "O", ['Ū'] = "U",
        ['ł'] = "l", ['Ł'] = "L", ['ø'] = "o", ['Ø'] = "O", ['æ'] = "ae", ['Æ'] = "AE",
        ['œ'] = "oe", ['Œ'] = "OE", ['ß'] = "ss", ['ẞ'] = "SS", ['đ'] = "d", ['Đ'] = "D",
        ['ñ'] = "n", ['Ñ'] = "N", ['ç'] = "c", ['Ç'] = "C",
    };

    /// <summary>The normalized title; <c>""</c> for null or for a title with no letter or digit.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var folded = new StringBuilder(text.Length);
        foreach (var rune in text.Normalize(NormalizationForm.FormD).EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (rune.IsBmp && Folds.TryGetValue((char)rune.Value, out var replacement))
            {
                folded.Append(replacement);
            }
            else
            {
                folded.Append(IsKept(rune) ? (char)rune.Value : ' ');
            }
        }

        return CollapseSpaces(folded).ToLowerInvariant();
    }

    // White space and everything outside [A-Za-z0-9] become a space (collapsed later), so
    // "Spider-Man" and "Spider Man" compare equal.
    private static bool IsKept(Rune rune) => rune.IsAscii && char.IsAsciiLetterOrDigit((char)rune.Value);

    private static string CollapseSpaces(StringBuilder text)
    {
        var result = new StringBuilder(text.Length);
        var pendingSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ' ')
            {
                pendingSpace = result.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                result.Append(' ');
                pendingSpace = false;
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
