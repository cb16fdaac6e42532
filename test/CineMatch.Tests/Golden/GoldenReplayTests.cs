using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CineMatch.Silo.Commands;
using CineMatch.Tests.Support;

namespace CineMatch.Tests.Golden;

/// <summary>
/// The replay command against the golden scenario: documents computed by an independent implementation of the
/// contract, not by this project's code.
/// </summary>
public sealed class GoldenReplayTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("golden-replay-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public async Task Replay_writes_exactly_the_golden_documents()
    {
        var golden = GoldenScenario.Load("messy-120");

        Assert.Equal(0, await ReplayCommand.RunAsync(["--events", golden.EventsPath, "--catalog", golden.CatalogPath, "--out", _out]));

        golden.AssertMatches(GoldenDocuments.ReadFrom(_out));
    }

    [Fact]
    public void The_comparison_names_each_field_that_differs_from_the_oracle()
    {
        var golden = GoldenScenario.Load("messy-120");
        var user = golden.UserStats[7].DeepClone().AsObject();
        user["avg_rating"] = (double)user["avg_rating"]! + 0.01;
        user["top_rated_movies"]![0]!["rating"] = 1;
        var counts = golden.MovieCounts.Skip(1).Select(doc => doc.DeepClone().AsObject()).ToList();
        var global = golden.GlobalStats.DeepClone().AsObject();
        global["total_entries"] = JsonNode.Parse($"{global["total_entries"]}.0"); // the same number written as Python writes a float: no difference
        var actual = new GoldenDocuments(
            [.. golden.UserStats.Select((doc, i) => i == 7 ? user : doc)],
            counts,
            global,
            [.. golden.DeadLetters.Skip(1).Select(letter => new JsonObject { ["partition"] = 0, ["offset"] = letter.Offset, ["reason"] = "no such problem" })],
            [.. golden.LateOffsets.Concat(golden.LateOffsets.Take(1)).Select(offset => new JsonObject { ["partition"] = 0, ["offset"] = offset })],
            [.. golden.UserAffinities.Skip(1)]);

        var differences = golden.Differences(actual);

        var id = (string)user["user_id"]!;
        Assert.Equal(
            [
                $"user_stats[{id}].avg_rating",
                $"user_stats[{id}].top_rated_movies[0].rating",
                $"movie_counts[{golden.MovieCounts[0]["_id"]}]",
                "dead_letters",
                .. golden.DeadLetters.Skip(1).Select(letter => $"dead_letters[offset {letter.Offset}].reason"),
                "late_events",
                $"user_affinities[{golden.UserAffinities[0]["_id"]}]",
            ],
            differences.Select(difference => difference.Split(": ")[0]));
        Assert.Contains($"user_stats[{id}].top_rated_movies[0].rating: expected {golden.UserStats[7]["top_rated_movies"]![0]!["rating"]}, got 1", differences);
        Assert.Contains($"dead_letters: offset {golden.DeadLetters[0].Offset} missing", differences);
        Assert.Contains($"late_events: offset {golden.LateOffsets[0]} stored 2 times", differences);
    }

    /// <summary>
    /// test/golden is a copy of the oracle and must never be regenerated or edited: its files are pinned by
    /// content. The pin needs nothing outside the clone, so it checks the same thing on every machine.
    /// </summary>
    [Theory]
    [InlineData("messy-120/catalog.json", "95ffcfea4bdee535458bc3c5e2eb7733e527b2bdfcb07479f69288c696abce33")]
    [InlineData("messy-120/events.jsonl", "2b49367c3b1f5e819c5bfeacb966e260563a11ac497990524ef723ebf04b14a9")]
    [InlineData("messy-120/expected/dead_letters.jsonl", "d258de635796920647feaa14cfe6028936d5cb841d07d0704e6e8e9a168eb9a4")]
    [InlineData("messy-120/expected/global_stats.json", "ef03c991496c17d2387785a43fc3d759c0f0e875c5048d29579ffcef7ac38151")]
    [InlineData("messy-120/expected/late_events.jsonl", "9ad170db0200d2106393132ebe485decd38752579d427b6358bda343798fb1b9")]
    [InlineData("messy-120/expected/movie_counts.jsonl", "4a61bc817065b8124e11fb62ead8fc31d968a41427876265a1dd15eb8f726017")]
    [InlineData("messy-120/expected/user_stats.jsonl", "e39a07b94551fc645f94c7441556869c582226666ab022cbffa5e908dbdffe0a")]
    [InlineData("messy-120/expected/user_stats_v6.jsonl", "b8c9923f633b776b1c6a59dad785afdbe76a1c9a65057994bb1a8807bf1f5738")]
    [InlineData("messy-120/expected/user_affinities.jsonl", "4dc463249606db774eab60d8ba73e4e08a04e61b05f788b45d0f8208258b4bf7")]
    public void The_golden_files_are_the_oracle_as_delivered(string file, string sha256)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "golden", file));

        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
