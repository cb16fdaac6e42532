using System.Text;
using System.Text.Json;
using CineMatch.Catalog;
using CineMatch.Documents;
using CineMatch.Events;
using CineMatch.Hosting.Catalog;
using CineMatch.Hosting.InMemory;
using CineMatch.Hosting;
using CineMatch.Sinks;
using CineMatch.Statistics;
using CineMatch.Wire;

namespace CineMatch.Silo.Commands;

/// <summary>
/// <c>replay --events EVENTS.jsonl --catalog CATALOG.json --out DIR</c>: runs a log of events through the
/// same grains in an in-process silo and writes the collections as MongoDB would hold them. The file is
/// treated as one partition: a record's offset is its line number, counted from 0.
/// </summary>
public static class ReplayCommand
{
    private const int ConcurrentUsers = 64;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new CommandLine(args, new HashSet<string> { "--events", "--catalog", "--out" }, new HashSet<string>());
        if (options.Rest.Count > 0)
        {
            throw new UsageException($"replay: unknown argument {options.Rest[0]}");
        }

        var eventsPath = CommandLine.ExistingFile("--events", options.Required("--events"));
        var catalogPath = CommandLine.ExistingFile("--catalog", options.Required("--catalog"));
        var outDir = options.Required("--out");
        List<byte[]> lines;
        try
        {
            lines = Lines(await File.ReadAllBytesAsync(eventsPath));
            Directory.CreateDirectory(outDir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"replay: {ex.Message}");
        }

        IReadOnlyList<CatalogMovie> catalog;
        try
        {
            catalog = await new JsonFileCatalogSource(catalogPath).LoadAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            throw new UsageException($"--catalog: not a JSON array of catalog documents: {ex.Message}");
        }

        using var host = BuildHost(catalog);
        await host.StartAsync();

        var result = await ReplayAsync(host.Services, lines);
        await host.StopAsync();
        await WriteCollectionsAsync(host.Services.GetRequiredService<InMemoryStatisticsStore>(), outDir);
        Console.WriteLine($"replay: {result.Applied} event(s) for {result.Users} user(s), {result.DeadLetters} dead letter(s); written to {Path.GetFullPath(outDir)}");
        return 0;
    }

    /// <summary>The replay's silo: everything in this process and in memory, on free ports, with the given catalog.</summary>
    public static IHost BuildHost(IReadOnlyList<CatalogMovie> catalog) => SiloHosting.BuildSiloHost(
        silo => SiloHosting.ConfigureInMemorySilo(silo, SiloHosting.FreePort(), SiloHosting.FreePort()),
        services => services.AddSingleton<ICatalogSource>(new LoadedCatalogSource(catalog)));

    public sealed record ReplaySummary(int Applied, int Users, int DeadLetters);

    /// <summary>Runs the lines through the grains and waits until every effect is applied and flushed.</summary>
    public static Task<ReplaySummary> ReplayAsync(IServiceProvider services, IReadOnlyList<string> lines) =>
        ReplayAsync(services, [.. lines.Select(Encoding.UTF8.GetBytes)]);

    /// <summary>
    /// Runs records given as raw bytes, as a Kafka partition holds them (a record need not be UTF-8), through the
    /// grains; a blank record is skipped.
    /// </summary>
    public static async Task<ReplaySummary> ReplayAsync(IServiceProvider services, IReadOnlyList<byte[]> records)
    {
        var grains = services.GetRequiredService<IGrainFactory>();
        var rejected = services.GetRequiredService<IRejectedEventSink>();
        var perUser = new Dictionary<string, List<SequencedEvent>>(StringComparer.Ordinal);
        var deadLetters = 0;
        for (var offset = 0; offset < records.Count; offset++)
        {
            var text = Encoding.UTF8.GetString(records[offset]);
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var parsed = EventParser.Parse(records[offset]);
            if (parsed.Event is not { } movieEvent)
            {
                deadLetters++;
                StatisticsMetrics.DeadLetters.Add(1);
                await rejected.DeadLetterAsync(
                    new DeadLetter { Raw = text, Partition = 0, Offset = offset, Reason = parsed.Error ?? "invalid event", Time = DocumentJson.Format(DateTimeOffset.UtcNow) },
                    CancellationToken.None);
                continue;
            }

            var positioned = movieEvent with { Position = new LogPosition(0, offset) };
            if (!perUser.TryGetValue(movieEvent.UserId, out var events))
            {
                perUser.Add(movieEvent.UserId, events = []);
            }

            events.Add(new SequencedEvent(positioned, offset));
        }

        await Parallel.ForEachAsync(
            perUser,
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrentUsers },
            async (user, _) => await grains.GetGrain<IUserStatsGrain>(user.Key).ApplyAsync(user.Value));
        await grains.GetGrain<IGlobalTrendsGrain>(0).FlushAsync();
        return new ReplaySummary(perUser.Values.Sum(events => events.Count), perUser.Count, deadLetters);
    }

    /// <summary>
    /// The file's lines as bytes, split at <c>\n</c> (a <c>\r</c> before it dropped): read as text, a line that is
    /// not UTF-8 would have its bad bytes replaced and be applied, where the same record in Kafka is a dead letter.
    /// </summary>
    private static List<byte[]> Lines(byte[] file)
    {
        var lines = new List<byte[]>();
        var rest = file.AsSpan();
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            lines.Add(line.EndsWith((byte)'\r') ? line[..^1].ToArray() : line.ToArray());
            rest = end < 0 ? [] : rest[(end + 1)..];
        }

        return lines;
    }

    /// <summary>The collections as files: one document per line, in a stable order.</summary>
    public static async Task WriteCollectionsAsync(InMemoryStatisticsStore store, string outDir)
    {
        var global = store.GlobalStats ?? TrendsCalculator.Build([], DateTimeOffset.UtcNow, "orleans");
        await WriteLinesAsync(Path.Combine(outDir, "user_stats.jsonl"), store.UserStats.Values.OrderBy(doc => doc.UserId, StringComparer.Ordinal));
        await WriteLinesAsync(Path.Combine(outDir, "user_affinities.jsonl"), store.UserAffinities.Values.OrderBy(doc => doc.Id, StringComparer.Ordinal));
        await File.WriteAllTextAsync(Path.Combine(outDir, "global_stats.json"), JsonSerializer.Serialize(global, DocumentJson.Options) + "\n");
        await WriteLinesAsync(Path.Combine(outDir, "movie_counts.jsonl"), store.MovieCounts.Values.OrderBy(doc => doc.Id, StringComparer.Ordinal));
        await WriteLinesAsync(Path.Combine(outDir, "dead_letters.jsonl"), store.DeadLetters.OrderBy(doc => doc.Offset));
        await WriteLinesAsync(Path.Combine(outDir, "late_events.jsonl"), store.LateEvents.OrderBy(doc => doc.Offset));
    }

    private static async Task WriteLinesAsync<T>(string path, IEnumerable<T> documents)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        foreach (var document in documents)
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(document, DocumentJson.Options));
        }
    }
}
