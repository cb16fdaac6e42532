using System.Text;
using System.Text.Json.Nodes;
using CineMatch.Events;
using CineMatch.Grains;
using CineMatch.Statistics;
using CineMatch.Statistics.MongoDB;
using CineMatch.Tests.Support;
using CineMatch.Wire;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Tests.Reconcile;

/// <summary>
/// The backend's <c>movies</c> collection as the tests fill it: one document per user and film, the list order in
/// <c>added_at</c> only (ids run the other way and documents are inserted shuffled).
/// </summary>
public static class MoviesCollection
{
    public static readonly DateTimeOffset FirstAdded = new(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(1));

    /// <summary>
    /// Each user's final list after the scenario's log, built by the grains' own list (UserListState, as the replay
    /// command applies it, late events left out): what the backend's <c>movies</c> holds at the end of the scenario.
    /// </summary>
    public static SortedDictionary<string, List<WatchedFilm>> FinalLists(GoldenScenario golden)
    {
        var perUser = new Dictionary<string, List<SequencedEvent>>(StringComparer.Ordinal);
        for (var offset = 0; offset < golden.Lines.Count; offset++)
        {
            if (string.IsNullOrWhiteSpace(golden.Lines[offset]) || EventParser.Parse(Encoding.UTF8.GetBytes(golden.Lines[offset])).Event is not { } movieEvent)
            {
                continue;
            }

            if (!perUser.TryGetValue(movieEvent.UserId, out var events))
            {
                perUser.Add(movieEvent.UserId, events = []);
            }

            events.Add(new SequencedEvent(movieEvent with { Position = new LogPosition(0, offset) }, offset));
        }

        var lists = new SortedDictionary<string, List<WatchedFilm>>(StringComparer.Ordinal);
        foreach (var (user, events) in perUser)
        {
            var state = new UserListState();
            state.Apply(events, new StatisticsOptions().AllowedLateness);
            lists.Add(user, [.. state.List.PresentFilms()]);
        }

        return lists;
    }

    /// <summary>The user's films as <c>movies</c> documents, in a shuffled order with ids against list order.</summary>
    public static List<BsonDocument> Documents(string userId, IReadOnlyList<WatchedFilm> films)
    {
        var documents = films.Select((film, i) => Film(userId, film, FirstAdded.AddMinutes(i), $"{userId}-{9999 - i:D4}")).ToList();
        return [.. documents.Where((_, i) => i % 2 == 1), .. documents.Where((_, i) => i % 2 == 0)];
    }

    public static BsonDocument Film(string userId, WatchedFilm film, DateTimeOffset addedAt, string? id = null)
    {
        var document = new BsonDocument();
        if (id is not null)
        {
            document.Add("_id", id);
        }

        document.Add("user_id", userId);
        document.Add("name", film.Name);
        document.Add("added_at", DocumentJson.Format(addedAt));
        Optional(document, "year", film.Year);
        Optional(document, "rating", film.Rating);
        Optional(document, "date", film.Date);
        Optional(document, "imdb_id", film.ImdbId);
        Optional(document, "duration", film.Duration);
        Optional(document, "director", film.Director);
        Optional(document, "actors", film.Actors);
        if (film.Genres is { } genres)
        {
            document.Add("genres", new BsonArray(genres));
        }

        return document;
    }

    public static Task InsertAsync(IMongoDatabase database, IEnumerable<BsonDocument> documents) =>
        database.GetCollection<BsonDocument>(CollectionNames.Movies).InsertManyAsync(documents);

    /// <summary>The documents as JSON lines (for the Python reconcile functions).</summary>
    public static string JsonLines(IEnumerable<BsonDocument> documents) =>
        string.Concat(documents.Select(document => JsonNode.Parse(document.ToJson())!.ToJsonString() + "\n"));

    private static void Optional(BsonDocument document, string name, int? value)
    {
        if (value is { } number)
        {
            document.Add(name, number);
        }
    }

    private static void Optional(BsonDocument document, string name, string? value)
    {
        if (value is not null)
        {
            document.Add(name, value);
        }
    }
}
