namespace CineMatch.Hosting.Gateway;

/// <summary>What <c>GET /movies/{filmKey}/count</c> answers: the counter's users and entries now (before the trends flush).</summary>
public sealed record MovieCountView(string FilmKey, string? Title, int? Year, long Users, long Entries);
