using CineMatch.Streaming.Kafka.Receiving;
using Orleans.Runtime;
using Orleans.Streams;

namespace CineMatch.Streaming.Kafka.Checkpointing;

/// <summary>
/// The queue cache of one partition. Unlike Orleans' pooled caches, which purge by age, it purges a batch
/// only once every consumer of its stream is done with it, so the purge list that the pulling agent hands
/// to <see cref="IQueueAdapterReceiver.MessagesDeliveredAsync(IList{IBatchContainer})"/> is exactly the set
/// of completed batches, and the receiver can commit up to the lowest batch still here.
/// </summary>
/// <remarks>
/// How completion is observed (Orleans 10.4 pulling agent, BatchContainerBatchSize = 1): a consumer's cursor
/// is asked for its next batch only after the previous delivery returned (the grain completed it) or gave
/// up (<see cref="IQueueCacheCursor.RecordDeliveryFailure"/> first). So a cursor "finishes" its current batch
/// when it is moved on. A new stream gets a pinning cursor before its first delivery, and a consumer cursor
/// before the pin goes away; a batch whose stream has no cursor at all has nobody left to deliver it to.
/// The agent touches the cache from its own single-threaded context only.
/// </remarks>
internal sealed class DeliveryTrackingCache(int capacity, int maxDeliveryRounds) : IQueueCache
{
    private readonly Dictionary<StreamId, List<CacheEntry>> _entriesByStream = [];
    private readonly Dictionary<StreamId, HashSet<DeliveryCursor>> _cursorsByStream = [];

    /// <summary>Batches held: not yet done by every consumer of their stream.</summary>
    public int Count { get; private set; }

    public int GetMaxAddCount() => Math.Max(0, capacity - Count);

    public bool IsUnderPressure() => Count >= capacity;

    public void AddToCache(IList<IBatchContainer> messages)
    {
        foreach (var container in messages.Cast<KafkaBatchContainer>())
        {
            var entry = new CacheEntry(container);
            Count++;
            if (!_entriesByStream.TryGetValue(container.StreamId, out var streamEntries))
            {
                _entriesByStream[container.StreamId] = streamEntries = [];
            }

            streamEntries.Add(entry);
        }
    }

    public bool TryPurgeFromCache(out IList<IBatchContainer> purgedItems)
    {
        var purged = new List<IBatchContainer>();
        foreach (var (streamId, streamEntries) in _entriesByStream)
        {
            var doneBelow = DoneBelow(streamId);
            // Entries of one stream are in offset order and every cursor finishes them in that order,
            // so the done ones are a prefix.
            var doneCount = streamEntries.TakeWhile(e => e.Key < doneBelow).Count();
            foreach (var entry in streamEntries.Take(doneCount))
            {
                purged.Add(entry.SetAsideReason is { } reason ? new SetAsideBatch(entry.Container, reason) : entry.Container);
            }

            streamEntries.RemoveRange(0, doneCount);
            Count -= doneCount;
        }

        foreach (var emptyStream in _entriesByStream.Where(s => s.Value.Count == 0).Select(s => s.Key).ToList())
        {
            _entriesByStream.Remove(emptyStream);
        }

        if (purged.Count == 0)
        {
            purgedItems = null!;
            return false;
        }

        purgedItems = purged;
        return true;
    }

    /// <summary>Entries of the stream below this key are done for every live cursor (all of them when none is left).</summary>
    private long DoneBelow(StreamId streamId) =>
        _cursorsByStream.TryGetValue(streamId, out var cursors) && cursors.Count > 0
            ? cursors.Min(c => c.FinishedBelow)
            : long.MaxValue;

    [Obsolete("Use TryGetCacheCursor instead.")]
    public IQueueCacheCursor GetCacheCursor(StreamId streamId, StreamSequenceToken? token) => OpenCursor(streamId, token);

    public QueueCacheCursorResult<IQueueCacheCursor> TryGetCacheCursor(StreamId streamId, StreamSequenceToken? token) =>
        QueueCacheCursorResult<IQueueCacheCursor>.FromCursor(OpenCursor(streamId, token));

    /// <summary>Both start positions mean "the oldest batch of the stream still here": nothing pending is ever skipped.</summary>
    public QueueCacheCursorResult<IQueueCacheCursor> TryGetCacheCursorAtPosition(StreamId streamId, StreamSubscriptionStartPosition startPosition) =>
        QueueCacheCursorResult<IQueueCacheCursor>.FromCursor(OpenCursor(streamId, null));

    private DeliveryCursor OpenCursor(StreamId streamId, StreamSequenceToken? token)
    {
        // A token is where the consumer stands (the agent then moves past what it already processed);
        // without one the cursor starts at the oldest batch of the stream here, so redelivery beats loss.
        var cursor = new DeliveryCursor(this, streamId, token?.SequenceNumber ?? long.MinValue);
        if (!_cursorsByStream.TryGetValue(streamId, out var cursors))
        {
            _cursorsByStream[streamId] = cursors = [];
        }

        cursors.Add(cursor);
        return cursor;
    }

    internal void Close(DeliveryCursor cursor)
    {
        if (_cursorsByStream.TryGetValue(cursor.StreamId, out var cursors) && cursors.Remove(cursor) && cursors.Count == 0)
        {
            _cursorsByStream.Remove(cursor.StreamId);
        }
    }

    internal CacheEntry? FirstAtOrAfter(StreamId streamId, long key) =>
        _entriesByStream.TryGetValue(streamId, out var streamEntries)
            ? streamEntries.FirstOrDefault(e => e.Key >= key)
            : null;

    /// <summary>
    /// A delivery round of the entry failed. Returns true when the batch should be offered again, false when it
    /// has used its rounds and is set aside (it then leaves the cache as a <see cref="SetAsideBatch"/>).
    /// </summary>
    internal bool RetryAfterFailedRound(CacheEntry entry)
    {
        entry.FailedRounds++;
        if (entry.FailedRounds < maxDeliveryRounds)
        {
            return true;
        }

        entry.SetAsideReason ??= $"delivery failed in {entry.FailedRounds} rounds: the consumer kept throwing";
        return false;
    }

    internal sealed class CacheEntry(KafkaBatchContainer container)
    {
        public KafkaBatchContainer Container { get; } = container;

        /// <summary>The batch's first offset: unique within the partition.</summary>
        public long Key { get; } = container.FirstOffset;

        public int FailedRounds { get; set; }

        public string? SetAsideReason { get; set; }
    }
}
