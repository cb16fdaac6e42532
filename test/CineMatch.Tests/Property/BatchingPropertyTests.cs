using CineMatch.Events;
using CineMatch.Tests.Support;
using CsCheck;

namespace CineMatch.Tests.Property;

/// <summary>
/// CONTRACT section 2, "Batching never matters", as a property of the real <c>UserStatsGrain</c>: random logs of a few
/// users (time jumping back and forth across the 1-hour watermark, duplicates, UPDATE_RATING before ADD, delete and
/// re-add, resends without a rating, late events), cut into random batches with random deactivations in between and,
/// when enabled, redeliveries, must leave the documents, late events, list and counts of the pure replay.
/// One cluster serves every case; each case has its own user ids.
/// </summary>
[Trait("Category", "Property")]
public sealed class BatchingPropertyTests : IAsyncLifetime
{
    private StatisticsCluster _cluster = null!;
    private int _runs;

    public async Task InitializeAsync() =>
        _cluster = await StatisticsCluster.StartAsync(TestCatalog.Films, options => options.TrendsFlushInterval = TimeSpan.FromHours(1));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Any_batching_deactivation_or_redelivery_gives_the_documents_of_the_pure_replay()
    {
        var redeliveries = PropertySettings.Redeliveries;
        await LogCase.Generator().SampleAsync(
            logCase => RunCaseAsync(logCase, redeliveries),
            seed: PropertySettings.Seed,
            iter: PropertySettings.Cases(inCi: 300),
            threads: 1,
            print: logCase => LogCase.Describe(logCase, redeliveries));
    }

    private async Task RunCaseAsync(LogCase logCase, bool redeliveries)
    {
        // Shrinking reruns cases: every run gets fresh users.
        var run = Interlocked.Increment(ref _runs);
        var trends = _cluster.Client.GetGrain<IGlobalTrendsGrain>(0);
        await trends.FlushAsync();
        var before = TrendsSnapshot.Of(_cluster.Store);

        // Positions unique across runs too: the store keeps one late event per (partition, offset), as MongoDB does.
        var users = logCase.Users.Select((user, index) =>
        {
            var userId = $"run{run}-user-{index}";
            return (UserId: userId, Script: user, Log: LogCase.Log(user, userId, partition: (run * LogCase.MaxUsers) + index));
        }).ToList();
        await Task.WhenAll(users.Select(async user =>
        {
            var grain = _cluster.Client.GetGrain<IUserStatsGrain>(user.UserId);
            foreach (var (batch, deactivate) in LogCase.Deliveries(user.Script, user.Log, redeliveries))
            {
                if (deactivate)
                {
                    await _cluster.DeactivateAsync(grain);
                }

                await grain.ApplyAsync([.. batch.Select(e => new SequencedEvent(e, e.Position!.Offset))]);
            }
        }));
        await trends.FlushAsync();

        await PureReplayComparison.AssertSameAsPureReplayAsync(
            users.ToDictionary(user => user.UserId, user => user.Log), _cluster.SiloServices, _cluster.Client, before);
    }
}
