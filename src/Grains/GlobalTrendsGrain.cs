using CineMatch.Counting;
using CineMatch.Documents;
using CineMatch.Sinks;
using CineMatch.Statistics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace CineMatch.Grains;

/// <summary>
/// Keeps the latest absolute figures of every counter (EXACTNESS I4) and writes <c>global_stats</c>
/// and the changed <c>movie_counts</c> on a timer, only when something changed, and once more on
/// deactivation. Reentrant so that a slow sink never holds up the counters' reports.
/// </summary>
[Reentrant]
public sealed partial class GlobalTrendsGrain(
    [PersistentState("trends", StorageNames.Statistics)] IPersistentState<TrendsLedger> state,
    ITrendsSink sink,
    IOptions<StatisticsOptions> options,
    TimeProvider time,
    ILogger<GlobalTrendsGrain> logger)
    : Grain, IGlobalTrendsGrain
{
    private readonly Dictionary<string, CounterTally> _latest = new(StringComparer.Ordinal);
    private HashSet<string> _changedFilms = new(StringComparer.Ordinal);
    private bool _changed;
    private Task? _flush;
    private Task? _ledgerWrite;
    private bool _ledgerDirty;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await RebuildFromCountersAsync();
        var period = options.Value.TrendsFlushInterval;
        this.RegisterGrainTimer(_ => FlushAsync(), new GrainTimerCreationOptions(period, period) { KeepAlive = true, Interleave = true });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync();
        }
        catch (Exception ex)
        {
            LogFinalWriteFailed(logger, ex, reason);
        }
    }

    public async Task ReportAsync(IReadOnlyList<CounterTally> tallies)
    {
        var newCounters = false;
        foreach (var tally in tallies)
        {
            if (_latest.TryGetValue(tally.CounterKey, out var known) && known.Version >= tally.Version)
            {
                continue;
            }

            newCounters |= known is null;
            Take(tally);
        }

        if (newCounters)
        {
            // A counter it does not know could not be rebuilt after a crash: remember it before acknowledging.
            await PersistLedgerAsync();
        }
    }

    public Task<GlobalStatsDocument> GetSnapshotAsync() =>
        Task.FromResult(TrendsCalculator.Build(_latest.Values, time.GetUtcNow(), options.Value.Source));

    public async Task FlushAsync()
    {
        // One write at a time: a flush asked for while one runs waits for it, then writes what is left.
        if (_flush is { IsCompleted: false })
        {
            await _flush;
        }

        if (!_changed)
        {
            return;
        }

        if (_flush is null || _flush.IsCompleted)
        {
            _flush = WriteDocumentsAsync();
        }

        await _flush;
    }

    public Task RewriteAsync(IReadOnlyList<string> filmKeys)
    {
        foreach (var key in filmKeys)
        {
            // A film no counter reported has no user: its document is deleted (a zero tally loses to any real report).
            _latest.TryAdd(key, new CounterTally { CounterKey = key });
            _changedFilms.Add(key);
        }

        _changed = true;
        return FlushAsync();
    }

    private void Take(CounterTally tally)
    {
        _latest[tally.CounterKey] = tally;
        _changed = true;
        if (!CounterKeys.IsUserPopulation(tally.CounterKey))
        {
            _changedFilms.Add(tally.CounterKey);
        }
    }

    private async Task WriteDocumentsAsync()
    {
        var changedFilms = _changedFilms;
        _changedFilms = new HashSet<string>(StringComparer.Ordinal);
        _changed = false;
        try
        {
            var started = time.GetTimestamp();
            var now = time.GetUtcNow();
            var document = TrendsCalculator.Build(_latest.Values, now, options.Value.Source);
            var films = changedFilms.Select(key => _latest[key]).ToList();
            var upserts = films.Where(film => film.Users > 0).Select(film => TrendsCalculator.ToMovieCount(film, now)).ToList();
            var deletes = films.Where(film => film.Users <= 0).Select(film => film.CounterKey).ToList();
            await sink.WriteMovieCountsAsync(upserts, deletes, CancellationToken.None);
            await sink.WriteGlobalStatsAsync(document, CancellationToken.None);
            StatisticsMetrics.TrendsWrites.Add(1);
            StatisticsMetrics.TrendsFlushDuration.Record(time.GetElapsedTime(started).TotalSeconds);
            StatisticsMetrics.TrendsFlushSize.Record(upserts.Count + deletes.Count + 1);
        }
        catch
        {
            _changedFilms.UnionWith(changedFilms);
            _changed = true;
            throw;
        }
    }

    private async Task PersistLedgerAsync()
    {
        _ledgerDirty = true;
        while (_ledgerDirty)
        {
            if (_ledgerWrite is null || _ledgerWrite.IsCompleted)
            {
                _ledgerWrite = WriteLedgerAsync();
            }

            await _ledgerWrite;
        }
    }

    private async Task WriteLedgerAsync()
    {
        _ledgerDirty = false;
        state.State.KnownCounters = [.. _latest.Keys.Order(StringComparer.Ordinal)];
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            _ledgerDirty = true;
            throw;
        }
    }

    /// <summary>After a restart the counters hold the truth: ask each one it knew for its figures.</summary>
    private async Task RebuildFromCountersAsync()
    {
        var known = state.State.KnownCounters;
        if (known.Count == 0)
        {
            return;
        }

        foreach (var chunk in known.Chunk(256))
        {
            var tallies = await Task.WhenAll(chunk.Select(key => GrainFactory.GetGrain<IMovieCounterGrain>(key).GetTallyAsync()));
            foreach (var tally in tallies)
            {
                Take(tally);
            }
        }

        LogRebuilt(logger, known.Count);
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Error, Message = "Final trends write failed ({Reason}); the next activation rewrites from the counters")]
    private static partial void LogFinalWriteFailed(ILogger logger, Exception exception, DeactivationReason reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Trends rebuilt from {Count} counters")]
    private static partial void LogRebuilt(ILogger logger, int count);
}
