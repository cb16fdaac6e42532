using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace CineMatch.Streaming.Kafka.Checkpointing;

/// <summary>
/// The checkpointer: stores a partition's safe offset in the consumer group, at most once per interval
/// (and always on shutdown). Commits run off the silo scheduler because librdkafka blocks until the
/// coordinator answers. A failed commit is only logged: the next one carries a newer or equal offset.
/// </summary>
internal sealed partial class KafkaOffsetCommitter(IConsumer<byte[]?, byte[]?> consumer, TopicPartition partition, TimeSpan interval, TimeProvider time, ILogger logger)
{
    private DateTimeOffset _lastCommitAt = DateTimeOffset.MinValue;

    /// <summary>The offset last stored in the group (the first record not yet done), or -1.</summary>
    public long Committed { get; private set; } = -1;

    public void Resumed(long committedOffset) => Committed = committedOffset;

    public async Task CommitAsync(long safeOffset, bool force)
    {
        if (safeOffset <= Committed || (!force && time.GetUtcNow() - _lastCommitAt < interval))
        {
            return;
        }

        try
        {
            await Task.Run(() => consumer.Commit([new TopicPartitionOffset(partition, safeOffset)])).ConfigureAwait(false);
            Committed = safeOffset;
            _lastCommitAt = time.GetUtcNow();
        }
        catch (KafkaException exception)
        {
            LogCommitFailed(logger, exception, safeOffset, partition);
        }
    }

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "Committing offset {Offset} of {Partition} failed; the next commit retries")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, long offset, TopicPartition partition);
}
