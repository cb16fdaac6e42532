using CineMatch.Events;

namespace CineMatch.Tests.Support;

/// <summary>Terse event builders for tests.</summary>
public static class Events
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 19, 21, 0, 0, TimeSpan.FromHours(1));

    public static MovieEvent Add(string user, string name, int? year, DateTimeOffset at, int? rating = null, string? date = null, string[]? genres = null) =>
        Make(MovieEventType.Add, user, at, new MovieInfo { Name = name, Year = year, Rating = rating, Date = date, Genres = genres });

    public static MovieEvent Delete(string user, string name, int? year, DateTimeOffset at) =>
        Make(MovieEventType.Delete, user, at, new MovieInfo { Name = name, Year = year });

    public static MovieEvent Rate(string user, string name, int? year, DateTimeOffset at, int rating) =>
        Make(MovieEventType.UpdateRating, user, at, new MovieInfo { Name = name, Year = year, NewRating = rating });

    public static MovieEvent Make(MovieEventType type, string user, DateTimeOffset at, MovieInfo movie) =>
        new() { Type = type, UserId = user, Timestamp = at, Movie = movie };
}
