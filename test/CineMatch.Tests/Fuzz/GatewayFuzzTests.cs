using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CineMatch.Hosting.InMemory;
using CineMatch.Hosting;
using CineMatch.Silo.Bench;
using CineMatch.Silo.Commands;
using CineMatch.Streaming.Kafka.Embedded;
using CineMatch.Streaming.Kafka.Monitoring;
using CineMatch.Tests.Support;
using CineMatch.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CineMatch.Tests.Fuzz;

/// <summary>
/// Fuzzed events against <c>POST /events</c> of the embedded server over real HTTP: every answer is 202 for a record
/// the Kafka path applies or 400 with ProblemDetails for one it dead-letters, never 5xx or a hang; and what the
/// gateway accepted reaches the log as the same events, none of which the silo then dead-letters.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class GatewayFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int CiEvents = 1_500;
    private const int ConcurrentClients = 4;
    private const string Topic = "user-movie-events";

    private ServerUnderTest _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerUnderTest.StartAsync("--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Orleans", "Error");
        _http = _server.CreateClient(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Every_fuzzed_event_gets_202_or_400_as_the_Kafka_path_sorts_it_and_accepted_ones_reach_the_log_unchanged()
    {
        var clock = Stopwatch.StartNew();
        var log = FuzzLog.FromEnvironment(CiEvents);
        var accepted = new ConcurrentBag<string>();
        var answers = new ConcurrentDictionary<HttpStatusCode, int>();
        var failures = new ConcurrentQueue<string>();

        await Parallel.ForEachAsync(Enumerable.Range(0, log.Cases.Count), new ParallelOptions { MaxDegreeOfParallelism = ConcurrentClients }, async (i, _) =>
        {
            var fuzzCase = log.Cases[i];
            var batch = BatchItems(fuzzCase.Value);
            var rejection = batch is null ? KafkaClassification.RejectionOf(fuzzCase, log) : BatchRejection(batch, log);
            var verdict = await PostAsync(fuzzCase.Value);
            answers.AddOrUpdate(verdict.Status, 1, (_, n) => n + 1);
            // Stability: a tenth of the bodies are sent twice and must get the same answer (an accepted one is then logged twice).
            var sent = 1;
            if (i % 10 == 0 && await PostAsync(fuzzCase.Value) is var again)
            {
                sent = 2;
                if (again.Status != verdict.Status)
                {
                    failures.Enqueue($"#{i} answered {verdict.Status} then {again.Status}: {fuzzCase.Describe()}");
                }
            }

            // A body that is an array is a batch to the gateway: what the contract says of the record does not apply to it.
            if (Judge(batch is null ? fuzzCase : fuzzCase with { Expected = FuzzExpectation.Either, Field = null }, rejection, verdict) is { } failure)
            {
                failures.Enqueue($"#{i} {failure}: {fuzzCase.Describe()}");
            }
            else if (verdict.Status == HttpStatusCode.Accepted)
            {
                foreach (var item in Enumerable.Repeat(batch ?? [fuzzCase.Value], sent).SelectMany(items => items))
                {
                    accepted.Add(Canonical(item));
                }
            }
        });
        var arrays = await PostArraysAsync(log, accepted, failures);

        Assert.True(failures.IsEmpty, $"{log}: {failures.Count} wrong answer(s):\n{string.Join("\n", failures.Take(20))}");
        await AcceptedEventsReachTheLogAsTheyWereAsync(log, [.. accepted]);

        output.WriteLine($"{log}: {answers.GetValueOrDefault(HttpStatusCode.Accepted)} accepted (202), {answers.GetValueOrDefault(HttpStatusCode.BadRequest)} refused (400), " +
            $"{arrays} array bodies, {accepted.Count} events in the log, 0 wrong answers, {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>What is wrong with the answer to one body, or null when it is right.</summary>
    private static string? Judge(FuzzCase fuzzCase, string? rejection, Verdict verdict)
    {
        switch (verdict.Status)
        {
            case HttpStatusCode.Accepted when rejection is not null:
                return $"202, but the Kafka path dead-letters it ({rejection})";
            case HttpStatusCode.Accepted when fuzzCase.Expected == FuzzExpectation.Bad:
                return "202 for a bad event";
            case HttpStatusCode.Accepted:
                return null;
            case HttpStatusCode.BadRequest when rejection is null:
                return $"400 ({verdict.Message}), but the Kafka path applies it";
            case HttpStatusCode.BadRequest when fuzzCase.Expected == FuzzExpectation.Valid:
                return $"400 for a valid event ({verdict.Message})";
            case HttpStatusCode.BadRequest when !verdict.IsProblem:
                return $"400 without ProblemDetails: {verdict.Message}";
            case HttpStatusCode.BadRequest when fuzzCase.Field is { } field && !verdict.Message.Contains(field, StringComparison.Ordinal):
                return $"400 does not name {field}: {verdict.Message}";
            case HttpStatusCode.BadRequest:
                return null;
            default:
                return $"{(int)verdict.Status} {verdict.Message}";
        }
    }

    /// <summary>
    /// Bodies holding several fuzzed events: accepted whole when the Kafka path applies every item, else refused whole
    /// with exactly the bad items named. Only items that are JSON on their own can be put in an array.
    /// </summary>
    private async Task<int> PostArraysAsync(FuzzLog log, ConcurrentBag<string> accepted, ConcurrentQueue<string> failures)
    {
        var random = new Random(log.Seed);
        var items = log.Cases.Where(IsJsonItem).ToList();
        var count = log.Cases.Count / 25;
        for (var n = 0; n < count; n++)
        {
            var batch = Enumerable.Range(0, random.Next(2, 6)).Select(_ => items[random.Next(items.Count)]).ToList();
            var body = Encoding.UTF8.GetBytes("[" + string.Join(",", batch.Select(c => Encoding.UTF8.GetString(c.Value))) + "]");
            var badItems = batch.Select((c, i) => (i, KafkaClassification.RejectionOf(c, log))).Where(x => x.Item2 is not null).Select(x => $"[{x.i}]").ToList();
            var verdict = await PostAsync(body);
            var describe = $"array #{n} of [{string.Join(", ", batch.Select(c => c.Mutation))}]";
            if (badItems.Count == 0 && verdict.Status == HttpStatusCode.Accepted)
            {
                foreach (var item in batch)
                {
                    accepted.Add(Canonical(item.Value));
                }
            }
            else if (badItems.Count == 0 || verdict.Status != HttpStatusCode.BadRequest)
            {
                failures.Enqueue($"{describe}: {(int)verdict.Status} {verdict.Message}, {badItems.Count} bad item(s)");
            }
            else if (!verdict.ErrorKeys.SetEquals(badItems))
            {
                failures.Enqueue($"{describe}: 400 names [{string.Join(", ", verdict.ErrorKeys)}], the bad items are [{string.Join(", ", badItems)}]");
            }
        }

        return count;
    }

    /// <summary>
    /// The records in the topic are the accepted events, parsed the same; once the silo has processed them all, none
    /// of them is a dead letter.
    /// </summary>
    private async Task AcceptedEventsReachTheLogAsTheyWereAsync(FuzzLog log, IReadOnlyList<string> accepted)
    {
        var broker = _server.App.Services.GetRequiredService<EmbeddedKafkaBroker>();
        var read = RawKafkaConsumption.ReadTopic(broker.BootstrapServers, Topic, accepted.Count + 1, TimeSpan.FromSeconds(5), keepSample: accepted.Count + 1);
        var inLog = read.Sample.Select(record => Canonical(Encoding.UTF8.GetBytes(record.Message.Value ?? ""))).Order(StringComparer.Ordinal).ToList();
        Assert.True(inLog.SequenceEqual(accepted.Order(StringComparer.Ordinal)),
            $"{log}: {accepted.Count} events accepted, {inLog.Count} records in the log; they differ:\n{string.Join("\n", inLog.Except(accepted).Take(3))}");

        var lag = _server.App.Services.GetRequiredService<IKafkaLagMonitor>();
        await Eventually.TrueAsync(
            () => lag.GetLag().Sum(p => Math.Max(0, p.Processed)) == accepted.Count,
            TimeSpan.FromSeconds(60),
            () => $"{log}: the silo to process the {accepted.Count} accepted records; processed {lag.GetLag().Sum(p => Math.Max(0, p.Processed))}");
        var deadLetters = _server.App.Services.GetRequiredService<InMemoryStatisticsStore>().DeadLetters;
        Assert.True(deadLetters.Count == 0, $"{log}: accepted events dead-lettered by the silo:\n{string.Join("\n", deadLetters.Take(3).Select(d => d.Reason))}");
    }

    /// <summary>The items of a body that is a JSON array (raw, each as the gateway would forward it), or null.</summary>
    private static List<byte[]>? BatchItems(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(FuzzCase.WithoutByteOrderMark(body));
            return document.RootElement.ValueKind == JsonValueKind.Array
                ? [.. document.RootElement.EnumerateArray().Select(item => Encoding.UTF8.GetBytes(item.GetRawText()))]
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Why the gateway must refuse a batch: it is empty, or the Kafka path would dead-letter one of its items.</summary>
    private static string? BatchRejection(List<byte[]> items, FuzzLog log) => items.Count == 0
        ? "an empty array"
        : items.Select(item => KafkaClassification.RejectionOf(new FuzzCase(item, FuzzExpectation.Either, "batch item"), log)).FirstOrDefault(reason => reason is not null);

    /// <summary>An accepted record as the Kafka path reads it, without its log position.</summary>
    private static string Canonical(byte[] value) =>
        EventParser.Parse(value) is { Event: { } parsed } ? EventJson.Serialize(parsed) : "(not an event) " + Encoding.UTF8.GetString(value);

    private static bool IsJsonItem(FuzzCase fuzzCase)
    {
        if (fuzzCase.Value is [0xEF, 0xBB, 0xBF, ..] || !System.Text.Unicode.Utf8.IsValid(fuzzCase.Value))
        {
            return false;
        }

        try
        {
            JsonDocument.Parse(fuzzCase.Value).Dispose();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task<Verdict> PostAsync(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var response = await _http.PostAsync("/events", content);
        var text = await response.Content.ReadAsStringAsync();
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return new Verdict(response.StatusCode, text, false, []);
        }

        using var problem = JsonDocument.Parse(text);
        var errors = problem.RootElement.TryGetProperty("errors", out var e) ? e.EnumerateObject().ToList() : [];
        var message = string.Join("; ", errors.SelectMany(p => p.Value.EnumerateArray().Select(m => $"{p.Name}: {m.GetString()}")))
            + (problem.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() : "");
        var isProblem = problem.RootElement.TryGetProperty("status", out var status) && status.GetInt32() == (int)response.StatusCode
            && problem.RootElement.TryGetProperty("title", out var title) && !string.IsNullOrWhiteSpace(title.GetString());
        return new Verdict(response.StatusCode, message, isProblem, [.. errors.Select(p => p.Name)]);
    }

    private sealed record Verdict(HttpStatusCode Status, string Message, bool IsProblem, HashSet<string> ErrorKeys);
}
