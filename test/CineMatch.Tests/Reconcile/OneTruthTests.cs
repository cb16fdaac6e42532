using System.Diagnostics;
using CineMatch.Silo.Commands;
using CineMatch.Statistics.MongoDB.Catalog;
using CineMatch.Tests.MongoDB;
using CineMatch.Tests.Support;
using MongoDB.Driver;

namespace CineMatch.Tests.Reconcile;

/// <summary>
/// One truth: on every golden scenario, the documents the C# reconcile computes from a <c>movies</c> collection holding
/// the scenario's final lists equal the golden documents (<c>user_affinities</c> included), the replay command's output (the grains fed the events), and
/// the Python reconcile functions' output (cluster/spark) for the same <c>movies</c>.
/// </summary>
[Collection(MongoServerCollection.Name)]
public sealed class OneTruthTests(MongoServer server) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("one-truth-").FullName;

    public static TheoryData<string> Scenarios() =>
        [.. Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "golden")).Select(folder => Path.GetFileName(folder)).Order(StringComparer.Ordinal)];

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Reconcile_from_movies_equals_the_golden_documents_the_replay_and_the_python_functions(string scenario)
    {
        var golden = GoldenScenario.Load(scenario);
        var database = server.NewDatabase();
        await new CatalogImporter().ImportAsync(golden.CatalogPath, database, default);
        var movies = MoviesCollection.FinalLists(golden).SelectMany(user => MoviesCollection.Documents(user.Key, user.Value)).ToList();
        await MoviesCollection.InsertAsync(database, movies);

        // Into an empty database: every document is missing, --apply writes them all (no cluster runs).
        var (exitCode, report) = await new ReconcileRun(server, database, "one-truth-" + scenario).RunAsync("--apply");
        Assert.Equal(0, exitCode);
        Assert.Equal(golden.UserStats.Count, (long)report["user_stats_missing"]!);
        Assert.Equal(golden.UserAffinities.Count, (long)report["user_affinities_missing"]!);
        var stored = await GoldenDocuments.StoredInAsync(database);

        golden.AssertAffinitiesMatch(stored.UserAffinities);
        golden.AssertStatisticsMatch(stored.UserStats, stored.MovieCounts, stored.GlobalStats);
        var replay = ScenarioWith("replay", golden, await ReplayOutputAsync(golden));
        replay.AssertStatisticsMatch(stored.UserStats, stored.MovieCounts, stored.GlobalStats);
        replay.AssertAffinitiesMatch(stored.UserAffinities);
        var python = ScenarioWith("python", golden, await PythonOutputAsync(golden, MoviesCollection.JsonLines(movies)));
        python.AssertStatisticsMatch(stored.UserStats, stored.MovieCounts, stored.GlobalStats);
        python.AssertAffinitiesMatch(stored.UserAffinities);
    }

    private async Task<string> ReplayOutputAsync(GoldenScenario golden)
    {
        var output = Path.Combine(_work, "replay");
        Assert.Equal(0, await ReplayCommand.RunAsync(["--events", golden.EventsPath, "--catalog", golden.CatalogPath, "--out", output]));
        return output;
    }

    private async Task<string> PythonOutputAsync(GoldenScenario golden, string moviesJsonLines)
    {
        var moviesFile = Path.Combine(_work, "movies.jsonl");
        await File.WriteAllTextAsync(moviesFile, moviesJsonLines);
        var output = Path.Combine(_work, "python");
        var start = new ProcessStartInfo("python3") { WorkingDirectory = SparkFolder(), RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in (string[])["-m", "cinematch_stats.cli", "--movies", moviesFile, "--catalog", golden.CatalogPath, "--out", output])
        {
            start.ArgumentList.Add(arg);
        }

        using var python = Process.Start(start)!;
        var errors = python.StandardError.ReadToEndAsync();
        await python.StandardOutput.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await python.WaitForExitAsync(deadline.Token);
        Assert.True(python.ExitCode == 0, $"python3 -m cinematch_stats.cli exited with {python.ExitCode}: {await errors}");
        return output;
    }

    /// <summary>The golden scenario with another implementation's documents as its expected ones.</summary>
    private GoldenScenario ScenarioWith(string name, GoldenScenario golden, string documents)
    {
        var folder = Path.Combine(_work, name + "-as-scenario", golden.Name);
        Directory.CreateDirectory(Path.Combine(folder, "expected"));
        File.Copy(golden.EventsPath, Path.Combine(folder, "events.jsonl"));
        foreach (var file in (string[])["dead_letters.jsonl", "late_events.jsonl"])
        {
            File.Copy(Path.Combine(golden.Folder, "expected", file), Path.Combine(folder, "expected", file));
        }

        foreach (var file in (string[])["user_stats.jsonl", "user_affinities.jsonl", "movie_counts.jsonl", "global_stats.json"])
        {
            File.Copy(Path.Combine(documents, file), Path.Combine(folder, "expected", file));
        }

        // The V6 flat counters: a file of their own from Python; inside user_stats.jsonl from the replay.
        var flat = Path.Combine(documents, "user_stats_v6.jsonl");
        File.Copy(File.Exists(flat) ? flat : Path.Combine(documents, "user_stats.jsonl"), Path.Combine(folder, "expected", "user_stats_v6.jsonl"));

        return GoldenScenario.LoadFrom(folder);
    }

    private static string SparkFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var spark = Path.Combine(folder.FullName, "cluster", "spark");
            if (Directory.Exists(Path.Combine(spark, "cinematch_stats")))
            {
                return spark;
            }
        }

        throw new DirectoryNotFoundException("cluster/spark/cinematch_stats not found above " + AppContext.BaseDirectory);
    }
}
