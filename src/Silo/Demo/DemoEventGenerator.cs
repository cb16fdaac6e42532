using CineMatch.Catalog;
using CineMatch.Events;

namespace CineMatch.Silo.Demo;

/// <summary>
/// Generates plausible events: mostly ADDs of films drawn with Zipf-like popularity, some DELETEs and
/// UPDATE_RATINGs of films the user holds. Deterministic for a seed.
/// </summary>
public sealed class DemoEventGenerator
{
    private readonly IReadOnlyList<CatalogMovie> _films;
    private readonly double[] _cumulativeWeights;
    private readonly Random _random;
    private readonly int _users;
    private readonly Dictionary<int, List<CatalogMovie>> _held = [];

    public DemoEventGenerator(IReadOnlyList<CatalogMovie> films, int users, double skew, int seed)
    {
        _random = new Random(seed);
        _films = [.. films.OrderBy(_ => _random.Next())];
        _users = users;
        _cumulativeWeights = new double[_films.Count];
        var total = 0.0;
        for (var rank = 0; rank < _films.Count; rank++)
        {
            total += 1.0 / Math.Pow(rank + 1, skew);
            _cumulativeWeights[rank] = total;
        }
    }

    public MovieEvent Next(DateTimeOffset now)
    {
        var user = _random.Next(_users);
        if (!_held.TryGetValue(user, out var held))
        {
            _held.Add(user, held = []);
        }

        var roll = _random.NextDouble();
        if (held.Count > 0 && roll < 0.10)
        {
            var film = held[_random.Next(held.Count)];
            held.Remove(film);
            return Event(MovieEventType.Delete, user, film, now);
        }

        if (held.Count > 0 && roll < 0.25)
        {
            var film = held[_random.Next(held.Count)];
            return Event(MovieEventType.UpdateRating, user, film, now);
        }

        var added = PopularFilm();
        if (!held.Contains(added))
        {
            held.Add(added);
        }

        return Event(MovieEventType.Add, user, added, now);
    }

    private CatalogMovie PopularFilm()
    {
        var target = _random.NextDouble() * _cumulativeWeights[^1];
        var index = Array.BinarySearch(_cumulativeWeights, target);
        return _films[index >= 0 ? index : Math.Min(~index, _films.Count - 1)];
    }

    private MovieEvent Event(MovieEventType type, int user, CatalogMovie film, DateTimeOffset now)
    {
        var rating = _random.Next(1, 6);
        return new MovieEvent
        {
            Type = type,
            UserId = $"demo-{user:D5}",
            Timestamp = now,
            Movie = new MovieInfo
            {
                Name = film.Title,
                Year = film.Year,
                Rating = type == MovieEventType.Delete ? null : rating,
                NewRating = type == MovieEventType.UpdateRating ? rating : null,
                Date = type == MovieEventType.Add ? now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
            },
        };
    }
}
