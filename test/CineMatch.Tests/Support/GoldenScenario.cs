using System.Text.Json.Nodes;
using CineMatch.Catalog;
using CineMatch.Hosting.Catalog;

namespace CineMatch.Tests.Support;

/// <summary>
/// A scenario of test/golden (copied next to the test assembly): a log of events, a catalog, and the documents an
/// independent implementation of the contract computed for them. Never regenerate the expected files from this
/// project's code: they are the oracle.
/// <code>
/// var golden = GoldenScenario.Load("messy-120");
/// golden.AssertMatches(GoldenDocuments.Of(store));                        // replay-like: offset = log line
/// golden.AssertMatches(await GoldenDocuments.StoredInAsync(db), (p, o) => lineOf[(p!.Value, o!.Value)]);
/// golden.AssertStatisticsMatch(userStats, movieCounts, globalStats);       // the three statistics collections only
/// var landed = await deployment.ProduceAsync(golden.Records);             // key = user_id, value = the line
/// await golden.AssertConvergesAsync(() => GoldenDocuments.StoredInAsync(db), TimeSpan.FromMinutes(3), logOffset);
/// </code>
/// </summary>
public sealed class GoldenScenario
{
    private const int ShownDifferences = 40;

    // Written by the time of the write and by who wrote it, or ids the store adds: never part of the oracle.
    private static readonly string[] Unstable = ["updated_at", "source"];

    private GoldenScenario(string name, string folder)
    {
        Name = name;
        Folder = folder;
        Lines = File.ReadAllLines(EventsPath);
        UserStats = WithFlatFields(ReadLines(Expected("user_stats.jsonl")), ReadLines(Expected("user_stats_v6.jsonl")));
        UserAffinities = ReadLines(Expected("user_affinities.jsonl"));
        MovieCounts = ReadLines(Expected("movie_counts.jsonl"));
        GlobalStats = JsonNode.Parse(File.ReadAllText(Expected("global_stats.json")))!.AsObject();
        DeadLetters = [.. ReadLines(Expected("dead_letters.jsonl")).Select(line => new GoldenDeadLetter((long)line["offset"]!, (string)line["problem"]!))];
        LateOffsets = [.. ReadLines(Expected("late_events.jsonl")).Select(line => (long)line["offset"]!)];
    }

    public string Name { get; }

    /// <summary>The scenario's folder in the test output.</summary>
    public string Folder { get; }

    public string EventsPath => Path.Combine(Folder, "events.jsonl");

    public string CatalogPath => Path.Combine(Folder, "catalog.json");

    /// <summary>The log: one record value a line; a record's offset is its line number from 0.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The <c>user_stats</c> documents: the fields of CONTRACT section 4 and the V6 flat fields, as both live in one document.</summary>
    public IReadOnlyList<JsonObject> UserStats { get; }

    /// <summary>The <c>user_affinities</c> documents (CONTRACT-V6 section 3).</summary>
    public IReadOnlyList<JsonObject> UserAffinities { get; }

    public IReadOnlyList<JsonObject> MovieCounts { get; }

    public JsonObject GlobalStats { get; }

    public IReadOnlyList<GoldenDeadLetter> DeadLetters { get; }

    /// <summary>The log offsets of the events older than their user's watermark.</summary>
    public IReadOnlyList<long> LateOffsets { get; }

    /// <summary>The folder of a scenario next to the test assembly (the csproj copies test/golden there).</summary>
    public static string FolderOf(string name) => Path.Combine(AppContext.BaseDirectory, "golden", name);

    public static GoldenScenario Load(string name) => new(name, FolderOf(name));

    /// <summary>A scenario from another folder laid out the same way (a doctored copy, to see a comparison fail).</summary>
    public static GoldenScenario LoadFrom(string folder) => new(Path.GetFileName(folder), folder);

    /// <summary>The log as Kafka records, as the backend writes them: key = <c>user_id</c> when the value has one, value = the line.</summary>
    public IReadOnlyList<(string? Key, string Value)> Records => [.. Lines.Select(line => (UserIdOf(line), line))];

    public Task<IReadOnlyList<CatalogMovie>> CatalogAsync() => new JsonFileCatalogSource(CatalogPath).LoadAsync(CancellationToken.None);

    /// <summary>
    /// Fails with the field-level differences (at most 40 shown, and how many there are) unless every collection
    /// holds exactly the golden documents. <paramref name="logOffset"/> maps a dead letter's or late event's
    /// (partition, offset) to its line in the golden log; by default the offset is the line (one partition, as replay).
    /// </summary>
    public void AssertMatches(GoldenDocuments actual, Func<int?, long?, long>? logOffset = null) =>
        Report(Differences(actual, logOffset));

    /// <summary>
    /// Reads the documents until they match (a stream converges over time: the trends are written by a timer);
    /// after <paramref name="timeout"/>, fails with the differences of the last read.
    /// </summary>
    public async Task AssertConvergesAsync(Func<Task<GoldenDocuments>> read, TimeSpan timeout, Func<int?, long?, long>? logOffset = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        var differences = Differences(await read(), logOffset);
        while (differences.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            differences = Differences(await read(), logOffset);
        }

        Report(differences, $" (still, after waiting {timeout})");
    }

    /// <summary>Only <c>user_stats</c>, <c>movie_counts</c> and <c>global_stats</c>.</summary>
    public void AssertStatisticsMatch(IEnumerable<JsonObject> userStats, IEnumerable<JsonObject> movieCounts, JsonObject? globalStats) =>
        Report(StatisticsDifferences(userStats, movieCounts, globalStats));

    /// <summary>Only <c>user_affinities</c> (by <c>_id</c>; <c>updated_at</c> ignored).</summary>
    public void AssertAffinitiesMatch(IEnumerable<JsonObject> userAffinities)
    {
        var differences = new List<string>();
        CompareKeyed("user_affinities", "_id", UserAffinities, userAffinities, differences, ignoreId: false);
        Report(differences);
    }

    /// <summary>Every difference, one line each, with the path of the field ("user_stats[u00012].top_rated_movies[3].rating: ...").</summary>
    public List<string> Differences(GoldenDocuments actual, Func<int?, long?, long>? logOffset = null)
    {
        var differences = StatisticsDifferences(actual.UserStats, actual.MovieCounts, actual.GlobalStats);
        logOffset ??= (_, offset) => offset ?? -1;
        var deadLetters = actual.DeadLetters
            .Select(document => (Offset: logOffset((int?)document["partition"], (long?)document["offset"]), Reason: (string?)document["reason"]))
            .ToList();
        CompareOffsets("dead_letters", DeadLetters.Select(letter => letter.Offset), deadLetters.Select(letter => letter.Offset), differences);
        foreach (var expected in DeadLetters)
        {
            foreach (var (_, reason) in deadLetters.Where(letter => letter.Offset == expected.Offset && !expected.IsNamedBy(letter.Reason)))
            {
                differences.Add($"dead_letters[offset {expected.Offset}].reason: \"{reason}\" does not name the problem \"{expected.Problem}\"");
            }
        }

        var late = actual.LateEvents.Select(document => logOffset((int?)document["partition"], (long?)document["offset"]));
        CompareOffsets("late_events", LateOffsets, late, differences);
        CompareKeyed("user_affinities", "_id", UserAffinities, actual.UserAffinities, differences, ignoreId: false);
        return differences;
    }

    public List<string> StatisticsDifferences(IEnumerable<JsonObject> userStats, IEnumerable<JsonObject> movieCounts, JsonObject? globalStats)
    {
        var differences = new List<string>();
        CompareKeyed("user_stats", "user_id", UserStats, userStats, differences, ignoreId: true);
        CompareKeyed("movie_counts", "_id", MovieCounts, movieCounts, differences, ignoreId: false);
        if (globalStats is null)
        {
            differences.Add("global_stats: no global_trends document");
        }
        else
        {
            GoldenJsonDiff.Compare(Stable(GlobalStats, ignoreId: true), Stable(globalStats, ignoreId: true), "global_stats", differences);
        }

        return differences;
    }

    internal static List<JsonObject> ReadLines(string path) =>
        [.. File.ReadAllLines(path).Where(line => line.Length > 0).Select(line => JsonNode.Parse(line)!.AsObject())];

    private static string? UserIdOf(string line)
    {
        try
        {
            return JsonNode.Parse(line) is JsonObject { } record && record["user_id"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Each user's section-4 document with the user's V6 flat fields added (the oracle keeps them in two files).</summary>
    private static List<JsonObject> WithFlatFields(List<JsonObject> userStats, List<JsonObject> flatFields)
    {
        var flatOf = flatFields.ToDictionary(document => (string)document["user_id"]!, StringComparer.Ordinal);
        Assert.Equal(userStats.Select(document => (string)document["user_id"]!).Order(StringComparer.Ordinal), flatOf.Keys.Order(StringComparer.Ordinal));
        foreach (var document in userStats)
        {
            foreach (var (name, value) in flatOf[(string)document["user_id"]!].Where(field => !document.ContainsKey(field.Key)))
            {
                document[name] = value?.DeepClone();
            }

            Assert.Equal(document["total_watched"]?.ToJsonString(), flatOf[(string)document["user_id"]!]["total_watched"]?.ToJsonString());
        }

        return userStats;
    }

    private string Expected(string file) => Path.Combine(Folder, "expected", file);

    private void Report(List<string> differences, string when = "")
    {
        if (differences.Count > 0)
        {
            Assert.Fail($"{differences.Count} difference(s) from the golden scenario {Name}{when}:\n  " + string.Join("\n  ", differences.Take(ShownDifferences)));
        }
    }

    private static void CompareKeyed(string collection, string key, IEnumerable<JsonObject> expected, IEnumerable<JsonObject> actual, List<string> differences, bool ignoreId)
    {
        var have = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var document in actual)
        {
            var id = (string?)document[key] ?? "(none)";
            if (!have.TryAdd(id, document))
            {
                differences.Add($"{collection}[{id}]: stored twice");
            }
        }

        var want = expected.ToDictionary(document => (string)document[key]!, StringComparer.Ordinal);
        foreach (var (id, document) in want)
        {
            if (have.TryGetValue(id, out var stored))
            {
                GoldenJsonDiff.Compare(Stable(document, ignoreId), Stable(stored, ignoreId), $"{collection}[{id}]", differences);
            }
            else
            {
                differences.Add($"{collection}[{id}]: missing");
            }
        }

        differences.AddRange(have.Keys.Where(id => !want.ContainsKey(id)).Order(StringComparer.Ordinal).Select(id => $"{collection}[{id}]: not expected"));
    }

    private static void CompareOffsets(string collection, IEnumerable<long> expected, IEnumerable<long> actual, List<string> differences)
    {
        var want = expected.Order().ToList();
        var have = actual.Order().ToList();
        differences.AddRange(want.Except(have).Select(offset => $"{collection}: offset {offset} missing"));
        differences.AddRange(have.Except(want).Select(offset => $"{collection}: offset {offset} not expected"));
        differences.AddRange(have.GroupBy(offset => offset).Where(group => group.Count() > 1).Select(group => $"{collection}: offset {group.Key} stored {group.Count()} times"));
    }

    private static JsonObject Stable(JsonObject document, bool ignoreId)
    {
        var copy = document.DeepClone().AsObject();
        foreach (var name in ignoreId ? [.. Unstable, "_id"] : Unstable)
        {
            copy.Remove(name);
        }

        return copy;
    }
}
