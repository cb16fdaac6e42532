using CineMatch.Catalog;
using CineMatch.Counting;
using CineMatch.Documents;
using CineMatch.Events;
using CineMatch.Lists;
using CineMatch.Sinks;
using CineMatch.Statistics;
using CineMatch.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace CineMatch.Grains;

/// <summary>
/// One user: applies the user's events to the list, recomputes <c>user_stats</c> from the whole list,
/// and tells the counters about every real change in what the user holds.
/// </summary>
[ImplicitStreamSubscription(StreamNames.UserMovieEvents)]
public sealed partial class UserStatsGrain(
    [PersistentState("list", StorageNames.Statistics)] IPersistentState<UserListState> state,
    IMovieCatalog catalog,
    CatalogMisses catalogMisses,
    IUserStatsSink statsSink,
    IUserAffinitySink affinitySink,
    IRejectedEventSink rejectedSink,
    IWatchHistorySource history,
    IOptions<StatisticsOptions> options,
    TimeProvider time,
    ILogger<UserStatsGrain> logger)
    : Grain, IUserStatsGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<MovieEvent>
{
    // Hydrated history precedes every logged event with the same time.
    private const long HistorySequenceBase = long.MinValue / 2;

    private UserStatsDocument? _stats;
    private bool _statsComputed;
    private bool _statsPublished;
    private bool _aheadOfStorage;
    // The catalog version the ledger and user_stats were last computed with: when the catalog moved since, an entry's
    // match (and film key) may have moved, so the next batch recomputes even if it applies nothing.
    private long _enrichedWithCatalog = catalog.Version;

    private string UserId => this.GetPrimaryKeyString();

    private TimeSpan AllowedLateness => options.Value.AllowedLateness;

    public async Task ApplyAsync(IReadOnlyList<SequencedEvent> events)
    {
        await ReloadAfterFailedWriteAsync();
        await HydrateOnceAsync();
        var reflected = state.State.Progress.Copy();
        var batch = state.State.Apply(events, AllowedLateness);
        await AheadOfStorageOnFailureAsync(async () =>
        {
            await FollowMoviesAfterImportAsync(ListReset.AppliedImports(events, reflected, batch.Late));
            await LookUpCatalogMissesAsync(events);
            await MakeBatchDurableAsync(batch);
        });
        await DeliverOutboxAsync();
    }

    public async Task ResyncFromHistoryAsync()
    {
        if (!history.IsSourceOfTruth)
        {
            return;
        }

        await ReloadAfterFailedWriteAsync();
        var truth = await history.LoadAsync(UserId, CancellationToken.None);
        // As of now, after every sequence: the truth just read reflects what happened before it was read.
        state.State.List.Adopt(truth, HistorySequenceBase, EventStamp.Of(time.GetUtcNow(), long.MaxValue));
        state.State.Hydrated = true;
        // Reconcile may have written user_affinities before this call: the grain rewrites them from its own list.
        state.State.Affinities.MarkAllUnknown();
        await AheadOfStorageOnFailureAsync(SaveAndPublishAsync);
        await DeliverOutboxAsync();
        LogResynced(logger, UserId, truth.Count);
    }

    public Task<UserStatsDocument?> GetStatsAsync()
    {
        if (!_statsComputed)
        {
            _stats = ComputeStats(EnrichedFilms());
            _statsComputed = true;
        }

        return Task.FromResult(_stats);
    }

    public Task<UserListDocument> GetListAsync() =>
        Task.FromResult(new UserListDocument { UserId = UserId, Movies = [.. EnrichedFilms().Select(UserStatsCalculator.ToMovieItem)] });

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<MovieEvent>().ResumeAsync(this);

    public Task OnNextAsync(IList<SequentialItem<MovieEvent>> items) =>
        ApplyAsync([.. items.Select(item => new SequencedEvent(item.Item, SequenceOf(item)))]);

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(logger, ex, UserId);
        return Task.CompletedTask;
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Ledger.Outbox.Count > 0)
        {
            // Changes that were durable but unacknowledged when the last activation ended. Should the
            // counters be unreachable now, the next batch of events delivers them.
            try
            {
                await DeliverOutboxAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogChangesOwed(logger, ex, UserId, state.State.Ledger.Outbox.Count);
            }
        }
    }

    /// <summary>The log offset when the record came from Kafka; else the stream's own order.</summary>
    private static long SequenceOf(SequentialItem<MovieEvent> item) =>
        item.Item.Position?.Offset ?? (item.Token.SequenceNumber << 16) + item.Token.EventIndex;

    /// <summary>
    /// After a failed write memory is ahead of storage: it marks that batch processed and would skip its retry as a
    /// redelivery, so start again from what storage holds (which may or may not include the write).
    /// </summary>
    private async Task ReloadAfterFailedWriteAsync()
    {
        if (_aheadOfStorage)
        {
            await state.ReadStateAsync();
            _aheadOfStorage = false;
            _statsPublished = false;
            _statsComputed = false;
            _enrichedWithCatalog = -1;
        }
    }

    private async Task AheadOfStorageOnFailureAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch
        {
            _aheadOfStorage = true;
            throw;
        }
    }

    private async Task HydrateOnceAsync()
    {
        if (state.State.Hydrated)
        {
            return;
        }

        if (!state.RecordExists)
        {
            var seed = await history.LoadAsync(UserId, CancellationToken.None);
            for (var i = 0; i < seed.Count; i++)
            {
                state.State.List.Apply(seed[i], HistorySequenceBase + i, TimeSpan.MaxValue);
            }

            if (seed.Count > 0)
            {
                LogSeeded(logger, UserId, seed.Count);
            }
        }

        state.State.Hydrated = true;
    }

    /// <summary>
    /// Late records first, then the state that moves the log progress past them: should the activation end in
    /// between, the redelivered events meet the same stored state, are judged late again, and the sink (keyed by
    /// partition and offset) keeps one record each.
    /// </summary>
    private async Task MakeBatchDurableAsync(BatchOutcome batch)
    {
        foreach (var late in batch.Late)
        {
            await rejectedSink.LateEventAsync(ToLateEvent(late), CancellationToken.None);
        }

        if (batch.Late.Count > 0)
        {
            StatisticsMetrics.LateEvents.Add(batch.Late.Count);
            LogLateRecorded(logger, UserId, batch.Late.Count);
        }

        if (batch.Redelivered > 0)
        {
            StatisticsMetrics.RedeliveredEvents.Add(batch.Redelivered);
            LogRedeliveredSkipped(logger, UserId, batch.Redelivered);
        }

        if (batch.Applied > 0 || catalog.Version != _enrichedWithCatalog)
        {
            state.State.List.PurgeTombstones(AllowedLateness);
            await SaveAndPublishAsync();
            StatisticsMetrics.EventsApplied.Add(batch.Applied);
        }
        else if (batch.ProgressMoved)
        {
            // Only late events: nothing to recompute, but the progress is written so that a redelivery is
            // skipped rather than judged again (which the idempotent sink would absorb, but the late metric
            // and log would count twice). Late-only batches are rare, so the write costs little.
            await state.WriteStateAsync();
        }
        else if (batch.Redelivered > 0 && !_statsPublished)
        {
            // A whole batch the state already holds, in an activation that has not published statistics yet:
            // the previous one may have died between its state write and its user_stats write.
            await PublishStatsAsync(EnrichedFilms());
        }
    }

    /// <summary>
    /// A CSV re-upload or recalculate: in MongoDB mode the list follows the user's <c>movies</c> (see <see cref="ListReset"/>
    /// for the stamp of the removal and why it is exact however the import is batched).
    /// </summary>
    private async Task FollowMoviesAfterImportAsync(IReadOnlyList<SequencedEvent> imports)
    {
        if (imports.Count == 0 || !history.IsSourceOfTruth)
        {
            return;
        }

        var truth = await history.LoadAsync(UserId, CancellationToken.None);
        var removed = ListReset.Follow(state.State.List, truth, imports);
        if (removed > 0)
        {
            LogImportRemoved(logger, UserId, removed);
        }
    }

    /// <summary>Films this batch named that the silo's catalog misses are looked up in the stored catalog first.</summary>
    private Task LookUpCatalogMissesAsync(IReadOnlyList<SequencedEvent> events)
    {
        var named = events.Select(item => (item.Event.Movie.Name, item.Event.Movie.Year)).ToHashSet();
        return catalogMisses.LookUpAsync(state.State.List.PresentFilms().Where(film => named.Contains((film.Name, film.Year))), CancellationToken.None);
    }

    private async Task SaveAndPublishAsync()
    {
        _enrichedWithCatalog = catalog.Version;
        var films = EnrichedFilms();
        state.State.Ledger.Reconcile(UserId, films);
        var affinities = PlanAffinities(films);

        // The list and the changes it owes the counters become durable together (EXACTNESS I3).
        await state.WriteStateAsync();
        await PublishStatsAsync(films, affinities);
    }

    private async Task PublishStatsAsync(IReadOnlyList<EnrichedFilm> films, AffinityChanges? plannedAffinities = null)
    {
        _stats = ComputeStats(films);
        _statsComputed = true;
        using (StatisticsTracing.StartUserStatsWrite(UserId, deletes: _stats is null))
        {
            if (_stats is null)
            {
                await statsSink.DeleteAsync(UserId, CancellationToken.None);
            }
            else
            {
                await statsSink.UpsertAsync(_stats, CancellationToken.None);
            }
        }

        await WriteAffinitiesAsync(films, plannedAffinities);
        _statsPublished = true;
    }

    /// <summary>The affinities that changed since the last write; the ledger marks them until the write is confirmed.</summary>
    private AffinityChanges? PlanAffinities(IReadOnlyList<EnrichedFilm> films) =>
        options.Value.WriteAffinities ? state.State.Affinities.Plan(UserId, AffinityCalculator.Compute(UserId, films)) : null;

    private async Task WriteAffinitiesAsync(IReadOnlyList<EnrichedFilm> films, AffinityChanges? planned)
    {
        if ((planned ?? PlanAffinities(films)) is not { } changes)
        {
            return;
        }

        if (planned is null && changes.IntroducesIds)
        {
            // Planned without a state write before it: the stored ledger must know an id before the collection may hold it.
            await state.WriteStateAsync();
        }

        if (!changes.IsEmpty)
        {
            var stamp = DocumentJson.FormatBackendTime(time.GetUtcNow(), options.Value.ResolveTimeZone());
            await affinitySink.WriteAsync(UserId, [.. changes.Upserts.Select(affinity => affinity with { UpdatedAt = stamp })], changes.DeletedIds, CancellationToken.None);
            state.State.Affinities.Confirm(UserId, changes);
        }
    }

    /// <summary>
    /// Delivers every pending change, one call per counter, and returns only when all were acknowledged,
    /// so that the stream's checkpoint never passes an event whose effects are still owed (EXACTNESS I1).
    /// </summary>
    private async Task DeliverOutboxAsync()
    {
        var ledger = state.State.Ledger;
        if (ledger.Outbox.Count == 0)
        {
            return;
        }

        var deliveries = ledger.Outbox
            .GroupBy(change => change.CounterKey, StringComparer.Ordinal)
            .Select(async group =>
            {
                var changes = group.OrderBy(change => change.Sequence).ToList();
                await GrainFactory.GetGrain<IMovieCounterGrain>(group.Key).ApplyAsync(changes);
                return changes;
            })
            .ToList();
        try
        {
            await Task.WhenAll(deliveries);
        }
        finally
        {
            // Acknowledged changes leave the outbox in memory now and in storage with the next write;
            // should this activation end first, a counter recognises the resend.
            foreach (var delivery in deliveries.Where(delivery => delivery.IsCompletedSuccessfully))
            {
                ledger.Acknowledge(delivery.Result);
            }
        }
    }

    private List<EnrichedFilm> EnrichedFilms() =>
        [.. state.State.List.PresentFilms().Select(film => FilmEnricher.Enrich(film, catalog))];

    private UserStatsDocument? ComputeStats(IReadOnlyList<EnrichedFilm> films) =>
        UserStatsCalculator.Compute(UserId, films, time.GetUtcNow(), options.Value.Source, options.Value.ResolveTimeZone());

    private LateEvent ToLateEvent(LateArrival late) => new()
    {
        UserId = UserId,
        Raw = EventJson.Serialize(late.Event),
        Partition = late.Event.Position?.Partition,
        Offset = late.Event.Position?.Offset,
        Reason = $"event time {DocumentJson.Format(late.Event.Timestamp)} is older than the user's watermark {DocumentJson.Format(late.Watermark ?? DateTimeOffset.MinValue)}",
        Time = DocumentJson.Format(time.GetUtcNow()),
    };

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Stream error for user {UserId}")]
    private static partial void LogStreamError(ILogger logger, Exception exception, string userId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "User {UserId}: {Count} change(s) still owed to counters")]
    private static partial void LogChangesOwed(ILogger logger, Exception exception, string userId, int count);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "User {UserId}: list seeded with {Count} stored film(s)")]
    private static partial void LogSeeded(ILogger logger, string userId, int count);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "User {UserId}: {Count} late event(s) recorded for reconcile")]
    private static partial void LogLateRecorded(ILogger logger, string userId, int count);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "User {UserId}: list made to follow the {Count} stored film(s)")]
    private static partial void LogResynced(ILogger logger, string userId, int count);

    [LoggerMessage(EventId = 4502, Level = LogLevel.Information, Message = "User {UserId}: {Count} film(s) the re-uploaded list no longer holds left the list")]
    private static partial void LogImportRemoved(ILogger logger, string userId, int count);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Debug, Message = "User {UserId}: {Count} redelivered event(s) skipped, the state already reflects them")]
    private static partial void LogRedeliveredSkipped(ILogger logger, string userId, int count);
}
