using Orleans.Runtime;
using Orleans.Streams;

namespace CineMatch.Streaming.Kafka.Checkpointing;

/// <summary>
/// One consumer's place in one stream of the <see cref="DeliveryTrackingCache"/>. The batch it returned last
/// stays "in flight" until the agent asks for the next one; only then is it finished for this consumer.
/// </summary>
internal sealed class DeliveryCursor(DeliveryTrackingCache cache, StreamId streamId, long finishedBelow) : IQueueCacheCursor
{
    private DeliveryTrackingCache.CacheEntry? _current;
    private bool _currentFailed;

    public StreamId StreamId { get; } = streamId;

    /// <summary>Every batch of the stream with a lower first offset is finished for this consumer.</summary>
    public long FinishedBelow { get; private set; } = finishedBelow;

    public IBatchContainer? GetCurrent(out Exception? exception)
    {
        exception = null;
        return _current?.Container;
    }

    [Obsolete("Use MoveNextWithResult instead.")]
    public bool MoveNext() => MoveNextWithResult().Kind == QueueCacheCursorMoveResultKind.Success;

    public QueueCacheCursorMoveResult MoveNextWithResult()
    {
        if (_current is { } previous)
        {
            if (_currentFailed)
            {
                _currentFailed = false;
                // Retrying the same batch keeps the user's events in order and the offset where it is: a
                // dependency that is down (MongoDB) makes every round fail, and nothing may move past it.
                if (cache.RetryAfterFailedRound(previous))
                {
                    return QueueCacheCursorMoveResult.Success;
                }
            }

            FinishedBelow = Math.Max(FinishedBelow, previous.Key + 1);
            _current = null;
        }

        // Set-aside batches are skipped by any other consumer of the stream too: they are on their way to the dead letters.
        var next = cache.FirstAtOrAfter(StreamId, FinishedBelow);
        while (next is { SetAsideReason: not null })
        {
            FinishedBelow = next.Key + 1;
            next = cache.FirstAtOrAfter(StreamId, FinishedBelow);
        }

        _current = next;
        return next is null ? QueueCacheCursorMoveResult.NoData : QueueCacheCursorMoveResult.Success;
    }

    /// <summary>New data needs no repositioning: the next move looks for the first batch at or after <see cref="FinishedBelow"/>.</summary>
    public void Refresh(StreamSequenceToken token)
    {
    }

    public void RecordDeliveryFailure() => _currentFailed = _current is not null;

    public void Dispose() => cache.Close(this);
}
