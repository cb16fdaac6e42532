using CineMatch.Counting;
using Orleans.Concurrency;

namespace CineMatch.Grains;

/// <summary>
/// One per silo: counters report here (a local call) and the feed forwards the latest figures per
/// counter to the trends grain in one call at a time, so the single trends grain sees a few batched
/// calls per silo rather than one call per event.
/// </summary>
[StatelessWorker(1)]
[Reentrant]
public sealed class TrendsFeedGrain : Grain, ITrendsFeedGrain
{
    private Dictionary<string, CounterTally> _pending = new(StringComparer.Ordinal);
    private TaskCompletionSource _pendingForwarded = NewCompletion();
    private Task? _forwarding;

    public Task ReportAsync(CounterTally tally)
    {
        if (!_pending.TryGetValue(tally.CounterKey, out var queued) || queued.Version < tally.Version)
        {
            _pending[tally.CounterKey] = tally;
        }

        var forwarded = _pendingForwarded.Task;
        if (_forwarding is null || _forwarding.IsCompleted)
        {
            _forwarding = ForwardAsync();
        }

        return forwarded;
    }

    private async Task ForwardAsync()
    {
        // Yield so that reports arriving in the same turn join this batch.
        await Task.Yield();
        var trends = GrainFactory.GetGrain<IGlobalTrendsGrain>(0);
        while (_pending.Count > 0)
        {
            var batch = _pending;
            var completion = _pendingForwarded;
            _pending = new Dictionary<string, CounterTally>(StringComparer.Ordinal);
            _pendingForwarded = NewCompletion();
            try
            {
                await trends.ReportAsync([.. batch.Values]);
                completion.SetResult();
            }
            catch (Exception ex)
            {
                // The counters see the failure and their callers retry; nothing is kept here.
                completion.SetException(ex);
            }
        }
    }

    private static TaskCompletionSource NewCompletion() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
