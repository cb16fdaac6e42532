using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CineMatch.Tests.Support;

namespace CineMatch.Tests.Fuzz;

/// <summary>
/// A reproducible fuzz log: the valid events of the golden scenario messy-120 in log order (its known bad records
/// left out, by the golden dead-letter list), about 40% passed on as they are and the rest mutated.
/// <c>CINEMATCH_FUZZ_SEED</c> and <c>CINEMATCH_FUZZ_EVENTS</c> choose the seed and the length.
/// </summary>
public sealed record FuzzLog(int Seed, IReadOnlyList<FuzzCase> Cases)
{
    public const int DefaultSeed = 20260119;
    private const double UntouchedShare = 0.4;
    private static readonly TimeSpan CyclePause = TimeSpan.FromDays(60);

    /// <summary>The scenario whose valid events the log mutates; its catalog is the grains' catalog.</summary>
    public static GoldenScenario Golden { get; } = GoldenScenario.Load("messy-120");

    /// <summary>The log for this run: the seed and length from the environment, else the defaults.</summary>
    public static FuzzLog FromEnvironment(int defaultEvents) => Generate(
        EnvironmentInt("CINEMATCH_FUZZ_SEED") ?? DefaultSeed,
        EnvironmentInt("CINEMATCH_FUZZ_EVENTS") ?? defaultEvents);

    public static FuzzLog Generate(int seed, int count)
    {
        var pool = ValidGoldenEvents();
        var random = new Random(seed);
        var mutator = new EventMutator(seed);
        var cases = new List<FuzzCase>(count);
        for (var i = 0; i < count; i++)
        {
            var (line, node) = pool[i % pool.Count];
            if (i >= pool.Count)
            {
                // Each further pass over the scenario happens later, so that its events are applied rather than late.
                node = Later(node, CyclePause * (i / pool.Count));
                line = EventMutator.Serialize(node);
            }

            cases.Add(random.NextDouble() < UntouchedShare ? new FuzzCase(line, FuzzExpectation.Valid, "untouched") : mutator.Mutate(node));
        }

        return new FuzzLog(seed, cases);
    }

    /// <summary>How to run this log again; part of every failure message.</summary>
    public override string ToString() =>
        $"fuzz seed {Seed}, {Cases.Count} events (rerun: CINEMATCH_FUZZ_SEED={Seed} CINEMATCH_FUZZ_EVENTS={Cases.Count} dotnet test --filter Category=Fuzz)";

    private static List<(byte[] Line, JsonObject Event)> ValidGoldenEvents()
    {
        var bad = Golden.DeadLetters.Select(deadLetter => deadLetter.Offset).ToHashSet();
        return [.. Golden.Lines
            .Select((line, offset) => (line, offset))
            .Where(item => !bad.Contains(item.offset))
            .Select(item => (Encoding.UTF8.GetBytes(item.line), JsonNode.Parse(item.line)!.AsObject()))];
    }

    private static JsonObject Later(JsonObject e, TimeSpan by)
    {
        var later = (JsonObject)e.DeepClone();
        var at = DateTimeOffset.Parse(later["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture) + by;
        later["timestamp"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);
        return later;
    }

    private static int? EnvironmentInt(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : null;
}
