using System.Globalization;
using System.Text.Json.Nodes;
using CineMatch.Wire;

namespace CineMatch.Reconcile;

/// <summary>
/// The <c>reconcile_reports</c> document of one run, with the counters and names of the Spark job's report
/// (<c>cluster/spark/cinematch_stats/drift.py</c>), plus the drifted users, films and <c>user_affinities</c> documents by name. Bounded: at most
/// <see cref="MaxExamples"/> examples and <see cref="MaxNamed"/> users and films named, whatever the data set.
/// </summary>
public sealed class DriftReport(string runId, DateTimeOffset startedAt, bool apply, IReadOnlyCollection<string>? users)
{
    public const int MaxExamples = 10;
    public const int MaxNamed = 1000;

    private readonly JsonArray _examples = [];
    private readonly JsonArray _users = [];
    private readonly JsonArray _films = [];
    private readonly JsonArray _affinities = [];
    private readonly long[] _userCounts = new long[Enum.GetValues<DriftStatus>().Length];
    private readonly long[] _filmCounts = new long[Enum.GetValues<DriftStatus>().Length];
    private readonly long[] _affinityCounts = new long[Enum.GetValues<DriftStatus>().Length];

    public string RunId { get; } = runId;
    public DateTimeOffset StartedAt { get; } = startedAt;
    public bool Apply { get; } = apply;
    public long UsersChecked { get; private set; }
    public long UsersDiffering => _userCounts[(int)DriftStatus.Differs];
    public long UserStatsMissing => _userCounts[(int)DriftStatus.Missing];
    public long UserStatsExtra => _userCounts[(int)DriftStatus.Extra];
    public long MovieCountsMissing => _filmCounts[(int)DriftStatus.Missing];
    public long MovieCountsExtra => _filmCounts[(int)DriftStatus.Extra];
    public long FilmsDiffering => _filmCounts[(int)DriftStatus.Differs];
    public bool GlobalStatsDiffers { get; private set; }
    /// <summary>False when <c>Statistics:WriteAffinities</c> is off: <c>user_affinities</c> was neither compared nor written.</summary>
    public bool AffinitiesCompared { get; set; }
    public long AffinitiesDiffering => _affinityCounts[(int)DriftStatus.Differs];
    public long AffinitiesMissing => _affinityCounts[(int)DriftStatus.Missing];
    public long AffinitiesExtra => _affinityCounts[(int)DriftStatus.Extra];
    public long UsersAdopted { get; set; }
    public string Cluster { get; set; } = "not asked";

    public bool HasDrift => UsersDiffering + UserStatsMissing + UserStatsExtra + MovieCountsMissing + MovieCountsExtra + FilmsDiffering + AffinitiesDiffering + AffinitiesMissing + AffinitiesExtra > 0
        || GlobalStatsDiffers;

    public void AddUser(string userId, DocumentComparison comparison)
    {
        UsersChecked++;
        Add(_userCounts, _users, "user_stats", "user_id", userId, comparison);
    }

    /// <summary>One <c>user_affinities</c> document, by its <c>_id</c>.</summary>
    public void AddAffinity(string affinityId, DocumentComparison comparison) =>
        Add(_affinityCounts, _affinities, "user_affinities", "_id", affinityId, comparison);

    public void AddFilm(string filmKey, DocumentComparison comparison) =>
        Add(_filmCounts, _films, "movie_counts", "_id", filmKey, comparison);

    public void SetGlobal(DocumentComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        GlobalStatsDiffers = comparison.Drifted;
        if (comparison.Drifted)
        {
            AddExample("global_stats", "type", "global_trends", comparison);
        }
    }

    /// <summary>The document for <c>reconcile_reports</c>.</summary>
    public JsonObject ToDocument(DateTimeOffset endedAt) => new()
    {
        ["_id"] = RunId,
        ["run_id"] = RunId,
        ["started_at"] = DocumentJson.Format(StartedAt),
        ["ended_at"] = DocumentJson.Format(endedAt),
        ["applied"] = Apply,
        ["scope"] = users is null ? "all" : new JsonArray([.. users.Select(user => JsonValue.Create(user))]),
        ["users_checked"] = UsersChecked,
        ["users_differing"] = UsersDiffering,
        ["user_stats_missing"] = UserStatsMissing,
        ["user_stats_extra"] = UserStatsExtra,
        ["movie_counts_missing"] = MovieCountsMissing,
        ["movie_counts_extra"] = MovieCountsExtra,
        ["films_differing"] = FilmsDiffering,
        ["global_stats_differs"] = GlobalStatsDiffers,
        ["users"] = _users.DeepClone(),
        ["films"] = _films.DeepClone(),
        ["examples"] = _examples.DeepClone(),
        ["cluster"] = Cluster,
        ["users_adopted"] = UsersAdopted,
        ["affinities_compared"] = AffinitiesCompared,
        ["user_affinities_differing"] = AffinitiesDiffering,
        ["user_affinities_missing"] = AffinitiesMissing,
        ["user_affinities_extra"] = AffinitiesExtra,
        ["affinities"] = _affinities.DeepClone(),
    };

    public string SummaryLine(TimeSpan elapsed) => string.Create(
        CultureInfo.InvariantCulture,
        $"reconcile {RunId}: {UsersChecked} users checked in {elapsed.TotalSeconds:F1}s, {UsersDiffering} differ, {UserStatsMissing} missing, {UserStatsExtra} extra; " +
        $"movie_counts {MovieCountsMissing} missing, {MovieCountsExtra} extra, {FilmsDiffering} differ; " +
        $"user_affinities {(AffinitiesCompared ? AffinitySummary() : "not compared")}; global_stats {(GlobalStatsDiffers ? "differs" : "agrees")}; " +
        $"{(HasDrift ? Apply ? "corrected" : "NOT corrected (run with --apply)" : "no drift")}; cluster: {Cluster}");

    private string AffinitySummary() =>
        string.Create(CultureInfo.InvariantCulture, $"{AffinitiesMissing} missing, {AffinitiesExtra} extra, {AffinitiesDiffering} differ");

    private void Add(long[] counts, JsonArray names, string collection, string idField, string id, DocumentComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        counts[(int)comparison.Status]++;
        if (comparison.Drifted)
        {
            Name(names, idField, id, comparison);
            AddExample(collection, idField, id, comparison);
        }
    }

    private static void Name(JsonArray names, string idField, string id, DocumentComparison comparison)
    {
        if (names.Count < MaxNamed)
        {
            names.Add(new JsonObject
            {
                [idField] = id,
                ["status"] = StatusName(comparison.Status),
                ["fields"] = new JsonArray([.. comparison.Differences.Select(difference => JsonValue.Create(difference.Field))]),
            });
        }
    }

    private void AddExample(string collection, string idField, string id, DocumentComparison comparison)
    {
        if (_examples.Count >= MaxExamples)
        {
            return;
        }

        var example = new JsonObject { ["collection"] = collection, [idField] = id, ["status"] = StatusName(comparison.Status) };
        if (comparison.Differences.Count > 0)
        {
            example["differences"] = new JsonArray([.. comparison.Differences.Take(MaxExamples).Select(difference => new JsonObject
            {
                ["field"] = difference.Field,
                ["computed"] = difference.Computed?.DeepClone(),
                ["stored"] = difference.Stored?.DeepClone(),
            })]);
        }

        _examples.Add(example);
    }

    private static string StatusName(DriftStatus status) => status switch
    {
        DriftStatus.Differs => "differs",
        DriftStatus.Missing => "missing",
        DriftStatus.Extra => "extra",
        _ => "same",
    };
}
