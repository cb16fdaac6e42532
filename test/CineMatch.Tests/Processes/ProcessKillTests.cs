using System.Diagnostics;
using CineMatch.Tests.MongoDB;
using CineMatch.Tests.Resilience;
using CineMatch.Tests.Support;
using Xunit.Abstractions;

namespace CineMatch.Tests.Processes;

/// <summary>
/// A silo process is killed (SIGKILL: no shutdown, no last write, no goodbye in the membership table) in the
/// middle of the golden log, the surviving silo finds it dead by Orleans' probes alone, a new silo process
/// joins, and MongoDB ends up holding exactly the documents of the golden oracle, with every partition
/// committed to its end. In the resilience collection: these tests use most of the machine.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class ProcessKillTests(MongoServer mongo, ITestOutputHelper output)
{
    private const string Scenario = "messy-120";
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan DeathDetection = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan Convergence = TimeSpan.FromSeconds(90);

    [Fact]
    public Task A_silo_process_killed_mid_stream_and_replaced_leaves_the_golden_documents() => KillMidStreamAsync(whileMongoIsCut: false);

    [Fact]
    public Task A_silo_process_killed_while_MongoDB_is_cut_off_leaves_the_golden_documents() => KillMidStreamAsync(whileMongoIsCut: true);

    private async Task KillMidStreamAsync(bool whileMongoIsCut)
    {
        var clock = Stopwatch.StartNew();
        await using var deployment = await ProcessDeployment.StartAsync(mongo, Scenario);
        var total = deployment.Golden.Lines.Count;
        var survivor = deployment.StartSilo("silo-a");
        var victim = deployment.StartSilo("silo-b");
        await Eventually.TrueAsync(async () => (await survivor.LagAsync()).Count > 0 && (await victim.LagAsync()).Count > 0, Startup,
            () => $"both silos answering /kafka/lag with partitions of their own\n{deployment.Tails()}");
        var victimPartitions = (await victim.LagAsync()).Count;
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: broker, catalog and two silos up; {victim.Name} reads {victimPartitions} partitions");

        // Two thirds now and the rest only after the kill: whatever the speed of the machine, the kill lands mid-stream.
        await deployment.ProduceAsync(total * 2 / 3);
        var processedAtKill = 0L;
        await Eventually.TrueAsync(async () =>
            {
                processedAtKill = await ProcessDeployment.ProcessedAsync(survivor, victim);
                return processedAtKill >= total / 3 && await victim.ProcessedAsync() > 0;
            },
            Startup, () => $"a third of {total} records processed, some by {victim.Name}: {processedAtKill} processed\n{deployment.Tails()}");

        if (whileMongoIsCut)
        {
            deployment.MongoLink.Cut();
        }

        var killedAt = clock.Elapsed;
        output.WriteLine($"{killedAt.TotalSeconds:F1} s: {processedAtKill} of {total} processed; SIGKILL {victim.Name}{(whileMongoIsCut ? " with MongoDB cut off" : "")}");
        victim.Program.Kill();
        await victim.Program.WaitForExitAsync(TimeSpan.FromSeconds(10));
        await deployment.ProduceAsync(total - deployment.Produced);
        if (whileMongoIsCut)
        {
            // The link comes back once the kill has landed, the rest of the log is in Kafka and the survivor holds records
            // it has not finished. Not "once the survivor has read to the end": seen here, while MongoDB is out it reads no
            // further on some partitions (nor can it declare the dead silo dead: that is a write to the membership table).
            var seen = "";
            await Eventually.TrueAsync(async () =>
                {
                    var partitions = await survivor.LagAsync();
                    seen = string.Join(", ", partitions.Select(p => $"p{p.Partition} {p.Processed}/{p.HighWatermark}"));
                    return partitions.Any(p => p.Processed < p.HighWatermark);
                },
                Startup, () => $"{survivor.Name} holding records it has not finished while MongoDB is cut off: {seen}\n{deployment.Tails()}");
            deployment.MongoLink.Restore();
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: MongoDB link restored after {(clock.Elapsed - killedAt).TotalSeconds:F1} s; {survivor.Name} had processed/read {seen}");
        }

        // Only the survivor's probes can tell: the killed process never wrote that it was leaving.
        await Eventually.TrueAsync(async () => await deployment.MembershipStatusAsync(victim) == "Dead", DeathDetection,
            () => $"{victim.Name} declared Dead in the membership table by the survivor's probes\n{deployment.Tails()}");
        var declaredDeadAt = clock.Elapsed;
        output.WriteLine($"{declaredDeadAt.TotalSeconds:F1} s: {victim.Name} declared Dead; starting silo-c");
        var replacement = deployment.StartSilo("silo-c");
        await Eventually.TrueAsync(async () => await deployment.MembershipStatusAsync(replacement) == "Active", Startup,
            () => $"{replacement.Name} Active in the membership table\n{deployment.Tails()}");

        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: silo-c Active");
        await deployment.CommittedAndConvergedAsync(Convergence);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: every partition committed to its end, statistics documents golden");
        await deployment.AssertGoldenAsync();
        var stored = await deployment.StoredAsync();
        output.WriteLine($"process kill{(whileMongoIsCut ? " while MongoDB was cut off" : "")}: {total} records over {ProcessDeployment.Partitions} partitions; " +
            $"{victim.Name} (pid {victim.Program.Id}, {victimPartitions} partitions) SIGKILLed at {killedAt.TotalSeconds:F1} s with {processedAtKill} processed, " +
            $"declared dead at {declaredDeadAt.TotalSeconds:F1} s, golden documents at {clock.Elapsed.TotalSeconds:F1} s: " +
            $"{stored.UserStats.Count} user_stats, {stored.MovieCounts.Count} movie_counts, 1 global_stats, {stored.DeadLetters.Count} dead letters, {stored.LateEvents.Count} late events, 0 differences");
    }
}
