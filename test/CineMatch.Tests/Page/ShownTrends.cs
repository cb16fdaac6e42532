using System.Text.Json;
using OpenQA.Selenium;

namespace CineMatch.Tests.Page;

/// <summary>
/// What the trends page shows, read in one script so that a repaint between two reads cannot mix two
/// updates (the page replaces its elements on every event).
/// </summary>
public sealed record ShownTrends(
    string Status,
    IReadOnlyList<ShownFilm> TopMovies,
    IReadOnlyList<string> Genres,
    string TotalUsers,
    string TotalEntries,
    string LastFlush)
{
    private const string Script = """
        const text = (id) => document.getElementById(id).textContent;
        return JSON.stringify({
          status: text("status"),
          topMovies: [...document.querySelectorAll("#top-movies li.film")].map((film) => ({
            title: film.dataset.title,
            count: Number(film.dataset.count),
            poster: film.querySelector("img.poster")?.getAttribute("src") ?? null,
          })),
          genres: [...document.querySelectorAll("#genres-chart g")].map((row) => row.dataset.genre),
          totalUsers: text("total-users"),
          totalEntries: text("total-entries"),
          lastFlush: text("last-flush"),
        });
        """;

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static ShownTrends Read(IJavaScriptExecutor page) =>
        JsonSerializer.Deserialize<ShownTrends>((string)page.ExecuteScript(Script)!, Web)!;

    /// <summary>The Top 10 as "title count" lines, for comparisons and failure messages.</summary>
    public IReadOnlyList<string> Ranking => [.. TopMovies.Select(film => $"{film.Title} {film.Count}")];

    public override string ToString() =>
        $"status '{Status}', top [{string.Join(", ", Ranking)}], genres [{string.Join(", ", Genres)}], users {TotalUsers}, entries {TotalEntries}, last flush '{LastFlush}'";
}
