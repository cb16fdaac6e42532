using CineMatch.Counting;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace CineMatch.Grains;

/// <summary>
/// The exact count of one film. Reentrant so that changes from many users arriving together share one
/// storage write (group commit); every caller is acknowledged only once its change is durable.
/// </summary>
[Reentrant]
public sealed class MovieCounterGrain(
    [PersistentState("count", StorageNames.Statistics)] IPersistentState<FilmCount> state,
    IOptions<StatisticsOptions> options,
    TimeProvider time)
    : Grain, IMovieCounterGrain
{
    private Task? _write;
    private CounterTally? _durable;

    private string CounterKey => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _durable = state.State.ToTally(CounterKey);
        return Task.CompletedTask;
    }

    public async Task ApplyAsync(IReadOnlyList<MembershipChange> changes)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var change in changes)
        {
            state.State.Apply(change, now);
        }

        var version = state.State.Version;
        while (_durable!.Version < version)
        {
            if (_write is null || _write.IsCompleted)
            {
                _write = WriteAsync();
            }

            await _write;
        }

        // Reported even when every change was a resend: the first report may have been lost with a silo.
        await GrainFactory.GetGrain<ITrendsFeedGrain>(0).ReportAsync(_durable);
    }

    public Task<CounterTally> GetTallyAsync() => Task.FromResult(_durable!);

    private async Task WriteAsync()
    {
        state.State.ForgetChangesBefore(time.GetUtcNow().UtcDateTime - options.Value.CounterDedupWindow);

        // Only durable figures ever leave this grain: the trends grain must never see a version that a
        // crash could take back and reuse for different figures.
        var tally = state.State.ToTally(CounterKey);
        await state.WriteStateAsync();
        _durable = tally;
    }
}
