using System.Text.Json.Nodes;
using CineMatch.Silo.Commands;

namespace CineMatch.Tests.Replay;

/// <summary>
/// The replay command on a small checked-in scenario whose expected documents were worked out by hand
/// from the contract: a remake pair, an imdb-id match without a year, a duplicate, a rating update,
/// a list that empties, a late event and two bad records.
/// </summary>
public sealed class ReplayCommandTests : IDisposable
{
    private static readonly string Scenario = Path.Combine(AppContext.BaseDirectory, "scenarios", "basic");
    private readonly string _out = Directory.CreateTempSubdirectory("replay-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private Task<int> ReplayAsync(string events = "events.jsonl", string catalog = "catalog.json") =>
        ReplayCommand.RunAsync(["--events", Path.Combine(Scenario, events), "--catalog", Path.Combine(Scenario, catalog), "--out", _out]);

    [Fact]
    public async Task Writes_the_documents_worked_out_by_hand()
    {
        Assert.Equal(0, await ReplayAsync());

        AssertSameDocuments("user_stats.jsonl", ignore: ["updated_at"]);
        AssertSameDocuments("global_stats.json", ignore: ["updated_at"]);
        AssertSameDocuments("movie_counts.jsonl", ignore: ["updated_at"]);
        AssertSameDocuments("dead_letters.jsonl", ignore: ["reason", "time"]);
        AssertSameDocuments("late_events.jsonl", ignore: ["raw", "reason", "time"]);

        Assert.All(Documents(Path.Combine(_out, "dead_letters.jsonl")), doc => Assert.False(string.IsNullOrWhiteSpace((string?)doc["reason"])));
        Assert.Contains("WATCH", (string?)Documents(Path.Combine(_out, "dead_letters.jsonl"))[1]["reason"]);
        var late = Assert.Single(Documents(Path.Combine(_out, "late_events.jsonl")));
        Assert.Contains("Heat", (string?)late["raw"]);
    }

    [Fact]
    public async Task A_line_that_is_not_utf8_is_a_dead_letter_as_the_same_record_in_kafka_is()
    {
        var events = Path.Combine(_out, "not-utf8.jsonl");
        var valid = "{\"event_type\":\"ADD\",\"user_id\":\"u1\",\"movie\":{\"name\":\"Heat\",\"year\":1995},\"timestamp\":\"2026-01-19T21:04:11+01:00\"}";
        var broken = System.Text.Encoding.UTF8.GetBytes(valid.Replace("u1", "u2").Replace("\"year\"", "\"note\":\"@\",\"year\""));
        broken[Array.IndexOf(broken, (byte)'@')] = 0xFF;
        await File.WriteAllBytesAsync(events, [.. System.Text.Encoding.UTF8.GetBytes(valid + "\n"), .. broken, (byte)'\n']);

        Assert.Equal(0, await ReplayCommand.RunAsync(["--events", events, "--catalog", Path.Combine(Scenario, "catalog.json"), "--out", _out]));

        var deadLetter = Assert.Single(Documents(Path.Combine(_out, "dead_letters.jsonl")));
        Assert.Equal(1, (int?)deadLetter["offset"]);
        Assert.Equal("u1", (string?)Assert.Single(Documents(Path.Combine(_out, "user_stats.jsonl")))["user_id"]);
    }

    [Fact]
    public async Task Unusable_arguments_exit_with_code_2_and_a_reason()
    {
        var missing = await Assert.ThrowsAsync<UsageException>(() => ReplayAsync(events: "no-such-file.jsonl"));
        Assert.Contains("no-such-file.jsonl", missing.Message);
        await Assert.ThrowsAsync<UsageException>(() => ReplayCommand.RunAsync(["--events", Path.Combine(Scenario, "events.jsonl")]));
        await Assert.ThrowsAsync<UsageException>(() => ReplayAsync(catalog: "events.jsonl"));

        // The program maps that to exit code 2 and one line on standard error.
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(
            "dotnet", [Path.Combine(AppContext.BaseDirectory, "CineMatch.Silo.dll"), "replay", "--events", "no-such-file.jsonl", "--catalog", "x", "--out", _out])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(2, process.ExitCode);
        Assert.Equal("--events: no such file: no-such-file.jsonl", error.Trim());
    }

    private void AssertSameDocuments(string file, string[] ignore)
    {
        var expected = Documents(Path.Combine(Scenario, "expected", file));
        var actual = Documents(Path.Combine(_out, file));
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            foreach (var name in ignore)
            {
                actual[i].Remove(name);
            }

            Assert.True(JsonNode.DeepEquals(expected[i], actual[i]), $"{file}, document {i}:\nexpected {expected[i].ToJsonString()}\nactual   {actual[i].ToJsonString()}");
        }
    }

    private static List<JsonObject> Documents(string path) =>
        path.EndsWith(".jsonl", StringComparison.Ordinal)
            ? [.. File.ReadAllLines(path).Where(line => line.Length > 0).Select(line => JsonNode.Parse(line)!.AsObject())]
            : [JsonNode.Parse(File.ReadAllText(path))!.AsObject()];
}
