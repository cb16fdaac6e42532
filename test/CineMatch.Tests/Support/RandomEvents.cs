using CineMatch.Events;
using static CineMatch.Tests.Support.Events;

namespace CineMatch.Tests.Support;

/// <summary>A film a random scenario may name: as the backend sends it (name, year, sometimes an imdb id).</summary>
public sealed record FilmRef(string Name, int? Year, string? ImdbId = null);

/// <summary>
/// Random but reproducible event logs as the backend writes them: ADD, BULK_IMPORT, DELETE and UPDATE_RATING
/// over a set of films and users, with distinct microsecond times that all stay inside one watermark.
/// </summary>
public static class RandomEvents
{
    /// <summary><paramref name="count"/> events, one every <paramref name="step"/> (plus a few microseconds), users and films drawn at random.</summary>
    public static List<MovieEvent> Generate(int seed, int count, IReadOnlyList<string> users, IReadOnlyList<FilmRef> films, TimeSpan step)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var (name, year, imdb) = films[random.Next(films.Count)];
            var user = users[random.Next(users.Count)];
            var at = T0.Add(step * i).AddTicks(random.Next(1, 9) * 10);
            var movie = new MovieInfo
            {
                Name = name, Year = year, ImdbId = imdb, Rating = random.Next(0, 6) is var r && r > 0 ? r : null,
                Date = $"2025-{random.Next(1, 13):D2}-{random.Next(1, 28):D2}", Genres = random.Next(3) == 0 ? ["Drama"] : null,
                Duration = random.Next(2) == 0 ? 90 + random.Next(60) : null, Director = "Some One", Actors = "A B, C D",
            };
            return random.Next(10) switch
            {
                < 2 => Make(MovieEventType.Delete, user, at, new MovieInfo { Name = name, Year = year }),
                < 4 => Make(MovieEventType.UpdateRating, user, at, new MovieInfo { Name = name, Year = year, NewRating = random.Next(1, 6) }),
                4 => Make(MovieEventType.BulkImport, user, at, movie),
                _ => Make(MovieEventType.Add, user, at, movie),
            };
        })];
    }

    /// <summary>
    /// The log with what the backend and the network add: after some events, a RECALCULATE resend of a film the
    /// user added earlier (stamped just after the event), and verbatim duplicates of earlier records of the same user.
    /// The resends and duplicates keep the original times, so everything stays inside the span of the log.
    /// </summary>
    public static List<MovieEvent> WithResendsAndDuplicates(IReadOnlyList<MovieEvent> log, int seed, double resendRate = 0.06, double duplicateRate = 0.08)
    {
        var random = new Random(seed);
        var seen = new Dictionary<string, List<MovieEvent>>(StringComparer.Ordinal);
        var result = new List<MovieEvent>(log.Count * 5 / 4);
        foreach (var movieEvent in log)
        {
            result.Add(movieEvent);
            if (!seen.TryGetValue(movieEvent.UserId, out var earlier))
            {
                seen.Add(movieEvent.UserId, earlier = []);
            }

            earlier.Add(movieEvent);
            var adds = earlier.Where(e => e.Type is MovieEventType.Add or MovieEventType.BulkImport).ToList();
            if (adds.Count > 0 && random.NextDouble() < resendRate)
            {
                var film = adds[random.Next(adds.Count)];
                result.Add(film with { Type = MovieEventType.Recalculate, Timestamp = movieEvent.Timestamp.AddTicks(500) });
            }

            if (random.NextDouble() < duplicateRate)
            {
                result.Add(earlier[random.Next(earlier.Count)]);
            }
        }

        return result;
    }
}
