using CineMatch.Events;
using CineMatch.Streaming.Kafka.Checkpointing;
using CineMatch.Streaming.Kafka.Receiving;
using Orleans.Streams;

namespace CineMatch.Tests.Kafka;

/// <summary>
/// The cache's completion rules without a broker or a silo: the cursor calls mimic the Orleans 10.4 pulling agent
/// (move, deliver, move again), and the commit tracker turns purges into a safe offset.
/// </summary>
public sealed class DeliveryTrackingCacheTests
{
    private static KafkaBatchContainer Batch(string user, params long[] offsets) => new(
        StreamId.Create(StreamNames.UserMovieEvents, user),
        0,
        offsets.Select(o => new MovieEvent
        {
            Type = MovieEventType.Add,
            UserId = user,
            Movie = new MovieInfo { Name = $"film-{o}" },
            Timestamp = DateTimeOffset.UnixEpoch.AddSeconds(o),
            Position = new LogPosition(0, o),
        }).ToList<object>(),
        offsets);

    private static IList<IBatchContainer> Purge(DeliveryTrackingCache cache) =>
        cache.TryPurgeFromCache(out var purged) ? purged : [];

    private static IQueueCacheCursor CursorAt(DeliveryTrackingCache cache, KafkaBatchContainer batch) =>
        cache.TryGetCacheCursor(batch.StreamId, batch.SequenceToken).Cursor!;

    [Fact]
    public void A_batch_leaves_the_cache_only_after_its_consumer_moved_past_it()
    {
        var cache = new DeliveryTrackingCache(capacity: 10, maxDeliveryRounds: 3);
        var a = Batch("a", 0, 2);
        cache.AddToCache([a]);
        var cursor = CursorAt(cache, a);

        Assert.Equal(QueueCacheCursorMoveResultKind.Success, cursor.MoveNextWithResult().Kind);
        Assert.Same(a, cursor.GetCurrent(out _));
        Assert.Empty(Purge(cache)); // being delivered

        Assert.Equal(QueueCacheCursorMoveResultKind.NoData, cursor.MoveNextWithResult().Kind);
        Assert.Same(a, Assert.Single(Purge(cache)));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Users_complete_out_of_order_and_the_safe_offset_stays_below_the_oldest_unfinished_batch()
    {
        var cache = new DeliveryTrackingCache(capacity: 10, maxDeliveryRounds: 3);
        var tracker = new PartitionCommitTracker(resumeOffset: 0);
        var slow = Batch("slow", 0, 3);
        var fast = Batch("fast", 1, 2, 4);
        cache.AddToCache([slow, fast]);
        tracker.Outstanding(slow.FirstOffset);
        tracker.Outstanding(fast.FirstOffset);
        tracker.Read(5);
        var slowCursor = CursorAt(cache, slow);
        var fastCursor = CursorAt(cache, fast);
        slowCursor.MoveNextWithResult();
        fastCursor.MoveNextWithResult();
        fastCursor.MoveNextWithResult(); // fast user done

        foreach (var purged in Purge(cache))
        {
            tracker.Completed(((KafkaBatchContainer)purged).FirstOffset);
        }

        Assert.Equal(0, tracker.SafeCommitOffset);
        slowCursor.MoveNextWithResult();
        tracker.Completed(((KafkaBatchContainer)Assert.Single(Purge(cache))).FirstOffset);
        Assert.Equal(5, tracker.SafeCommitOffset);
    }

    [Fact]
    public void A_failed_round_offers_the_same_batch_again_and_the_last_allowed_failure_sets_it_aside()
    {
        var cache = new DeliveryTrackingCache(capacity: 10, maxDeliveryRounds: 2);
        var poisoned = Batch("u", 0);
        var next = Batch("u", 1);
        cache.AddToCache([poisoned, next]);
        var cursor = CursorAt(cache, poisoned);
        cursor.MoveNextWithResult();

        cursor.RecordDeliveryFailure();
        Assert.Equal(QueueCacheCursorMoveResultKind.Success, cursor.MoveNextWithResult().Kind);
        Assert.Same(poisoned, cursor.GetCurrent(out _)); // round 2 of the same batch
        Assert.Empty(Purge(cache));

        cursor.RecordDeliveryFailure();
        cursor.MoveNextWithResult();
        Assert.Same(next, cursor.GetCurrent(out _)); // the stream goes on
        var setAside = Assert.IsType<SetAsideBatch>(Assert.Single(Purge(cache)));
        Assert.Same(poisoned, setAside.Batch);
        Assert.Contains("2 rounds", setAside.Reason);
    }

    [Fact]
    public void A_cursor_opened_at_a_consumers_token_counts_earlier_batches_as_done_and_a_stream_without_consumers_is_done()
    {
        var cache = new DeliveryTrackingCache(capacity: 10, maxDeliveryRounds: 3);
        var processed = Batch("u", 0);
        var pending = Batch("u", 5);
        var nobodyListens = Batch("other", 3);
        cache.AddToCache([processed, nobodyListens, pending]);
        var cursor = CursorAt(cache, pending);

        var purged = Purge(cache);
        Assert.Equal([processed, nobodyListens], purged.Cast<KafkaBatchContainer>().OrderBy(b => b.FirstOffset));
        Assert.Equal(1, cache.Count);
        Assert.False(cache.IsUnderPressure());
        cursor.Dispose();
        Assert.Same(pending, Assert.Single(Purge(cache)));
    }

    [Fact]
    public void A_full_cache_pushes_back()
    {
        var cache = new DeliveryTrackingCache(capacity: 2, maxDeliveryRounds: 3);
        cache.AddToCache([Batch("a", 0), Batch("b", 1)]);
        _ = CursorAt(cache, Batch("a", 0));
        _ = CursorAt(cache, Batch("b", 1));

        Assert.True(cache.IsUnderPressure());
        Assert.Equal(0, cache.GetMaxAddCount());
    }

    [Fact]
    public void Event_tokens_carry_the_kafka_offset_and_the_index_in_the_batch()
    {
        var batch = Batch("u", 7, 9, 12);

        var tokens = batch.GetEvents<MovieEvent>().Select(e => e.Item2).ToList();

        Assert.Equal([(7L, 0), (9L, 1), (12L, 2)], tokens.Select(t => (t.SequenceNumber, t.EventIndex)));
        Assert.Equal(tokens.Order(), tokens);
        Assert.Equal(7, batch.SequenceToken.SequenceNumber);
    }
}
