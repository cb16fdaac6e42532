namespace CineMatch.Streaming.Kafka.Checkpointing;

/// <summary>
/// Which offset of one partition is safe to commit: the lowest offset of any batch still outstanding
/// (handed to the cache and not yet reported complete), or, with nothing outstanding, the offset after the
/// last record read. Dead-lettered records are never outstanding: they are durable in the dead-letter store
/// before the receiver moves past them. Records of different users complete out of order, so the commit
/// point is a minimum, never the latest completion.
/// </summary>
internal sealed class PartitionCommitTracker
{
    private readonly SortedSet<long> _outstandingFirstOffsets = [];
    private long _nextToRead;

    /// <param name="resumeOffset">The committed offset the receiver resumed from, or null when it started from a logical position.</param>
    public PartitionCommitTracker(long? resumeOffset) => _nextToRead = resumeOffset ?? -1;

    public int OutstandingCount => _outstandingFirstOffsets.Count;

    /// <summary>The next offset to commit (Kafka semantics: the first record not yet done), or -1 before anything is known.</summary>
    public long SafeCommitOffset => _outstandingFirstOffsets.Count > 0 ? _outstandingFirstOffsets.Min : _nextToRead;

    /// <summary>Every record below <paramref name="nextOffset"/> has been read and is either outstanding or done.</summary>
    public void Read(long nextOffset) => _nextToRead = Math.Max(_nextToRead, nextOffset);

    public void Outstanding(long firstOffset) => _outstandingFirstOffsets.Add(firstOffset);

    public void Completed(long firstOffset) => _outstandingFirstOffsets.Remove(firstOffset);
}
