namespace CineMatch.Tests.Page;

/// <summary>One line of the page's Top 10: the title, the users' count, and the poster's address when one is shown.</summary>
public sealed record ShownFilm(string Title, long Count, string? Poster);
