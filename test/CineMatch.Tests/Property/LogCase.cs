using System.Globalization;
using System.Text;
using CineMatch.Events;
using CineMatch.Wire;
using CsCheck;

namespace CineMatch.Tests.Property;

/// <summary>One generated case: a log per user (each user on its own partition) and how each is delivered.</summary>
public sealed record LogCase(IReadOnlyList<UserScript> Users)
{
    public const int MaxUsers = 3;

    public static Gen<LogCase> Generator(int maxEvents = 30) =>
        Gen.Select(
                Gen.Select(Gen.Int[0, 5], Gen.Int[0, Films.Length - 1], Gen.Int[0, Jumps.Length - 1], Gen.Int[0, 5], Gen.Int[0, 71],
                    (kind, film, jump, rating, extra) => new StepScript(kind, film, jump, rating, extra)).List[1, maxEvents],
                Gen.Select(Gen.Int[0, 8], Gen.Int[0, 4], Gen.Int[0, 4], (size, deactivate, rewind) => new BatchStep(size, deactivate == 4, rewind)).List[1, 6],
                (steps, batches) => new UserScript(steps, batches))
            .List[1, MaxUsers]
            .Select(users => new LogCase(users));

    private static readonly (string Name, int? Year, string? ImdbId)[] Films =
    [
        // Catalog films (matched by title and year, by original title, by accent-free title, by imdb id).
        ("Alien", 1979, null), ("Spirited Away", 2001, null), ("King Kong", 1933, null), ("King Kong", 2005, null),
        ("Amelie", 2001, null), ("Alien", null, "tt0078748"),
        // Not in the catalog: keyed by name and year, or by the imdb id the event carries.
        ("Match Point", 2005, null), ("Some Home Video", 2024, "tt9999999"),
    ];

    // Back and forth across the 1-hour watermark, with the exact boundary and the same instant twice.
    private static readonly TimeSpan[] Jumps =
    [
        TimeSpan.FromSeconds(7), TimeSpan.Zero, TimeSpan.FromSeconds(90), TimeSpan.FromMinutes(-20), TimeSpan.FromMinutes(50),
        TimeSpan.FromMinutes(70), TimeSpan.FromMinutes(-60).Add(TimeSpan.FromSeconds(1)), TimeSpan.FromMinutes(-61),
        TimeSpan.FromHours(-3), TimeSpan.FromHours(3), TimeSpan.FromHours(-1),
    ];

    private static readonly TimeSpan[] Offsets = [TimeSpan.FromHours(1), TimeSpan.Zero, TimeSpan.FromHours(2)];

    private static readonly DateTimeOffset Start = new(2026, 1, 19, 21, 0, 0, TimeSpan.FromHours(1));

    /// <summary>
    /// The user's log as the backend writes it, each record with its place on the user's partition. Every event
    /// went through the wire format once, as a Kafka record would, so the log compares with what a consumer parses.
    /// </summary>
    public static List<MovieEvent> Log(UserScript user, string userId, int partition)
    {
        var log = new List<MovieEvent>(user.Steps.Count);
        var at = Start;
        foreach (var step in user.Steps)
        {
            at += Jumps[step.Jump];
            var movieEvent = step.Kind == 5 && log.Count > 0
                ? log[step.Film % log.Count] // a duplicate: the same record written again, a new offset
                : Event(step, userId, at);
            log.Add(RoundTrip(movieEvent) with { Position = new LogPosition(partition, log.Count) });
        }

        return log;
    }

    /// <summary>What the grain receives, batch by batch: the log cut as the plan says, with redelivered records when enabled.</summary>
    public static List<(List<MovieEvent> Batch, bool Deactivate)> Deliveries(UserScript user, IReadOnlyList<MovieEvent> log, bool redeliveries)
    {
        var deliveries = new List<(List<MovieEvent>, bool)>();
        var next = 0;
        for (var i = 0; next < log.Count; i++)
        {
            var step = user.Batches[i % user.Batches.Count];
            var batch = new List<MovieEvent>();
            if (redeliveries && step.Rewind > 0)
            {
                var from = Math.Max(0, next - step.Rewind);
                batch.AddRange(log.Skip(from).Take(next - from));
            }

            var size = step.Size == 0 ? log.Count - next : Math.Min(step.Size, log.Count - next);
            batch.AddRange(log.Skip(next).Take(size));
            next += size;
            deliveries.Add((batch, step.Deactivate));
        }

        return deliveries;
    }

    public static string Describe(LogCase logCase, bool redeliveries)
    {
        var text = new StringBuilder();
        for (var u = 0; u < logCase.Users.Count; u++)
        {
            var user = logCase.Users[u];
            var log = Log(user, $"user-{u}", u);
            text.AppendLine(CultureInfo.InvariantCulture, $"user-{u}, partition {u}:");
            foreach (var movieEvent in log)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {movieEvent.Position!.Offset,3} {EventJson.Serialize(movieEvent)}");
            }

            var batches = Deliveries(user, log, redeliveries).Select(d => (d.Deactivate ? "deactivate, " : "") + string.Join(" ", d.Batch.Select(e => e.Position!.Offset)));
            text.AppendLine(CultureInfo.InvariantCulture, $"  batches: [{string.Join("] [", batches)}]");
        }

        return text.ToString();
    }

    private static MovieEvent Event(StepScript step, string userId, DateTimeOffset at)
    {
        var (name, year, imdbId) = Films[step.Film];
        int? rating = step.Rating == 0 ? null : step.Rating;
        var timestamp = at.ToOffset(Offsets[step.Extra % Offsets.Length]);
        var type = step.Kind switch
        {
            1 => MovieEventType.UpdateRating,
            2 => MovieEventType.Delete,
            3 => MovieEventType.Recalculate,
            4 => MovieEventType.BulkImport,
            _ => MovieEventType.Add,
        };
        var movie = type switch
        {
            MovieEventType.UpdateRating => new MovieInfo { Name = name, Year = year, Rating = 1 + (step.Extra % 5), OldRating = 1 + (step.Extra % 5), NewRating = rating },
            MovieEventType.Delete => new MovieInfo { Name = name, Year = year, Rating = rating },
            _ => new MovieInfo
            {
                Name = name, Year = year, ImdbId = imdbId, Rating = rating,
                Date = (step.Extra / 3 % 4) switch { 1 => $"2025-0{1 + (step.Extra % 9)}-1{step.Extra % 10}", 2 => "2024-12-31T23:30:00", 3 => "yesterday", _ => null },
                Genres = (step.Extra / 12 % 3) switch { 1 => ["Drama"], 2 => ["Comedy", "Drama", "Comedy"], _ => null },
                Duration = (step.Extra / 36 % 2) == 1 ? 95 : step.Extra % 7 == 0 ? 0 : null,
                Director = step.Extra % 2 == 0 ? "Woody Allen, Some One" : null,
                Actors = step.Extra % 5 == 0 ? "A B | C D, A B" : null,
            },
        };
        return new MovieEvent { Type = type, UserId = userId, Movie = movie, Timestamp = timestamp };
    }

    private static MovieEvent RoundTrip(MovieEvent movieEvent) =>
        EventParser.Parse(EventJson.Serialize(movieEvent)).Event ?? throw new InvalidOperationException("the generator wrote an invalid event");
}
