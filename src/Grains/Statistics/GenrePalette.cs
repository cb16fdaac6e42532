namespace CineMatch.Statistics;

/// <summary>The dashboard's genre colours (CONTRACT section 4), English names and their Italian aliases.</summary>
public static class GenrePalette
{
    public const string OtherColor = "#9CA3AF";

    // Looked up ignoring case: "drama" from a hand-written CSV is still Drama's red.
    private static readonly Dictionary<string, string> Colors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Drama"] = "#E50914", ["Dramma"] = "#E50914",
        ["Comedy"] = "#FF6B35", ["Commedia"] = "#FF6B35",
        ["Action"] = "#00529B", ["Azione"] = "#00529B",
        ["Thriller"] = "#8B5CF6",
        ["Horror"] = "#6B21A8",
        ["Romance"] = "#EC4899",
        ["Sci-Fi"] = "#06B6D4", ["Fantascienza"] = "#06B6D4",
        ["Adventure"] = "#10B981", ["Avventura"] = "#10B981",
        ["Crime"] = "#F59E0B",
        ["Fantasy"] = "#8B5CF6",
        ["Family"] = "#F472B6",
        ["Mystery"] = "#4B5563",
        ["History"] = "#92400E",
        ["War"] = "#7F1D1D",
        ["Music"] = "#DB2777",
        ["Documentary"] = "#059669",
        ["Western"] = "#D97706",
        ["Animation"] = "#FBBF24", ["Animazione"] = "#FBBF24",
        ["Giallo"] = "#F59E0B",
        ["Biography"] = "#4B5563", ["Biografia"] = "#4B5563",
        ["Sport"] = "#EF4444",
        ["Musical"] = "#DB2777",
        ["Film-Noir"] = "#111827", ["Noir"] = "#111827",
    };

    public static string ColorOf(string genre) => Colors.GetValueOrDefault(genre, OtherColor);
}
