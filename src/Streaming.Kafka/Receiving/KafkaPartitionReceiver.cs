using CineMatch.Streaming.Kafka.Checkpointing;
using CineMatch.Streaming.Kafka.DataAdapter;
using CineMatch.Streaming.Kafka.Hosting;
using CineMatch.Streaming.Kafka.Monitoring;
using CineMatch.Streaming.Kafka.Tracing;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace CineMatch.Streaming.Kafka.Receiving;

/// <summary>
/// Reads one Kafka partition for the Orleans queue that stands for it. The partition is assigned directly
/// (no consumer-group membership: Orleans' queue balancer decides which silo reads it), reading resumes at
/// the group's committed offset, and offsets are committed only below the oldest batch not yet completed.
/// Orleans 10.4's pulling agent calls the overloads with a <see cref="CancellationToken"/>; the others forward to them.
/// Initialization, reads, records received and shutdown are reported through Orleans' receiver monitor.
/// </summary>
internal sealed partial class KafkaPartitionReceiver(
    string providerName,
    TopicPartition partition,
    KafkaConnectionOptions connection,
    KafkaConsumerOptions consumerOptions,
    KafkaCheckpointOptions checkpointOptions,
    KafkaMonitoringOptions monitoringOptions,
    KafkaBatchBuilder batches,
    IKafkaDeadLetterSink deadLetters,
    KafkaLagMonitor monitor,
    IQueueAdapterReceiverMonitor receiverMonitor,
    TimeProvider time,
    ILogger logger) : IQueueAdapterReceiver
{
    private readonly List<SetAsideBatch> _setAsideNotYetDurable = [];
    private IConsumer<byte[]?, byte[]?>? _consumer;
    private PartitionCommitTracker _tracker = new(null);
    private KafkaOffsetCommitter? _committer;
    private PartitionProgress? _progress;

    public Task Initialize(TimeSpan timeout) => Initialize(timeout, CancellationToken.None);

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    public Task Shutdown(TimeSpan timeout) => Shutdown(timeout, CancellationToken.None);

    public Task Initialize(TimeSpan timeout, CancellationToken cancellationToken) => StartAsync(cancellationToken);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        if (!await StartAsync(cancellationToken))
        {
            return [];
        }

        var started = time.GetTimestamp();
        try
        {
            var containers = await ReadAsync(maxCount, cancellationToken);
            receiverMonitor.TrackRead(true, time.GetElapsedTime(started), null);
            return containers;
        }
        catch (Exception exception)
        {
            receiverMonitor.TrackRead(false, time.GetElapsedTime(started), exception);
            throw;
        }
    }

    private async Task<IList<IBatchContainer>> ReadAsync(int maxCount, CancellationToken cancellationToken)
    {
        await MakeSetAsideDurableAsync(cancellationToken);
        var limit = maxCount <= 0 ? consumerOptions.PollBatchSize : Math.Min(maxCount, consumerOptions.PollBatchSize);
        var interpreted = new List<RecordOutcome>();
        foreach (var record in Poll(limit))
        {
            var outcome = batches.Interpret(record);
            if (!outcome.IsAccepted && !await DeadLetterAsync(record, outcome.Interpretation.RejectionReason!, cancellationToken))
            {
                // The dead-letter store is down: read this record again later rather than move past it.
                _consumer!.Seek(new TopicPartitionOffset(partition, record.Offset));
                break;
            }

            interpreted.Add(outcome);
            _tracker.Read(record.Offset + 1);
        }

        var containers = batches.ToContainers(interpreted);
        foreach (var container in containers.Cast<KafkaBatchContainer>())
        {
            _tracker.Outstanding(container.FirstOffset);
        }

        await _committer!.CommitAsync(_tracker.SafeCommitOffset, force: false);
        ReportProgress();
        return containers;
    }

    /// <summary>The pulling agent hands over what the cache purged: batches every consumer completed, or set aside.</summary>
    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        if (_consumer is null)
        {
            return; // shut down (or never started): nothing of ours is in flight
        }

        foreach (var message in messages)
        {
            switch (message)
            {
                case SetAsideBatch setAside:
                    setAside.Batch.EndProcessing(setAside.Reason);
                    _setAsideNotYetDurable.Add(setAside);
                    break;
                case KafkaBatchContainer completed:
                    completed.EndProcessing();
                    _tracker.Completed(completed.FirstOffset);
                    break;
            }
        }

        await MakeSetAsideDurableAsync(cancellationToken);
        await _committer!.CommitAsync(_tracker.SafeCommitOffset, force: false);
        ReportProgress();
    }

    public async Task Shutdown(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_consumer is not { } consumer)
        {
            return;
        }

        var started = time.GetTimestamp();
        try
        {
            await MakeSetAsideDurableAsync(cancellationToken);
            await _committer!.CommitAsync(_tracker.SafeCommitOffset, force: true);
            LogReleased(logger, partition, _committer.Committed, _tracker.OutstandingCount);
            monitor.Forget(_progress!);
            _consumer = null;
            await Task.Run(consumer.Dispose, CancellationToken.None);
            receiverMonitor.TrackShutdown(true, time.GetElapsedTime(started), null);
        }
        catch (Exception exception)
        {
            receiverMonitor.TrackShutdown(false, time.GetElapsedTime(started), exception);
            throw;
        }
    }

    /// <summary>Creates the consumer and assigns the partition at its committed offset; false (retried on the next pull) when the brokers do not answer.</summary>
    private async Task<bool> StartAsync(CancellationToken cancellationToken)
    {
        if (_consumer is not null)
        {
            return true;
        }

        var started = time.GetTimestamp();
        var consumer = new ConsumerBuilder<byte[]?, byte[]?>(ConsumerConfig())
            .SetErrorHandler((_, error) => LogConsumerError(logger, partition, error))
            .Build();
        try
        {
            var committed = await Task.Run(() => consumer.Committed([partition], consumerOptions.BrokerTimeout).Single().Offset, cancellationToken);
            var resumeAt = committed.IsSpecial
                ? consumerOptions.StartPosition == KafkaStartPosition.Earliest ? Offset.Beginning : Offset.End
                : committed;
            consumer.Assign(new TopicPartitionOffset(partition, resumeAt));
            _tracker = new PartitionCommitTracker(committed.IsSpecial ? null : committed.Value);
            _committer = new KafkaOffsetCommitter(consumer, partition, checkpointOptions.CheckpointInterval, time, logger);
            if (!committed.IsSpecial)
            {
                _committer.Resumed(committed.Value);
            }

            _progress = monitor.Track(providerName, partition.Topic, partition.Partition.Value, monitoringOptions.LagLogInterval);
            _consumer = consumer;
            LogReading(logger, partition, resumeAt, consumerOptions.ConsumerGroup, committed);
            receiverMonitor.TrackInitialization(true, time.GetElapsedTime(started), null);
            return true;
        }
        catch (Exception exception) when (exception is KafkaException or OperationCanceledException)
        {
            LogStartFailed(logger, exception, partition);
            receiverMonitor.TrackInitialization(false, time.GetElapsedTime(started), exception);
            consumer.Dispose();
            return false;
        }
    }

    private ConsumerConfig ConsumerConfig() =>
        new(connection.ToClientConfig())
        {
            GroupId = consumerOptions.ConsumerGroup,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = consumerOptions.StartPosition == KafkaStartPosition.Earliest ? AutoOffsetReset.Earliest : AutoOffsetReset.Latest,
            ClientId = $"cinematch-{providerName}-{partition.Topic}-{partition.Partition.Value}",
        };

    /// <summary>Takes what librdkafka has already fetched, without waiting: the agent polls again on its timer.</summary>
    private List<KafkaRecord> Poll(int limit)
    {
        var records = new List<KafkaRecord>();
        while (records.Count < limit)
        {
            ConsumeResult<byte[]?, byte[]?>? result;
            try
            {
                result = _consumer!.Consume(TimeSpan.Zero);
            }
            catch (ConsumeException exception)
            {
                LogConsumeFailed(logger, exception, partition, records.Count);
                break;
            }

            if (result is null || result.IsPartitionEOF)
            {
                break;
            }

            records.Add(new KafkaRecord(result.Topic, result.Partition.Value, result.Offset.Value, result.Message.Key, result.Message.Value, result.Message.Timestamp.UtcDateTime, KafkaTracing.FromHeaders(result.Message.Headers)));
        }

        if (records.Count > 0)
        {
            receiverMonitor.TrackMessagesReceived(records.Count, records[0].Timestamp.UtcDateTime, records[^1].Timestamp.UtcDateTime);
        }

        return records;
    }

    /// <summary>Writes the records of set-aside batches to the dead-letter store; a batch counts as done once all of them are durable.</summary>
    private async Task MakeSetAsideDurableAsync(CancellationToken cancellationToken)
    {
        foreach (var setAside in _setAsideNotYetDurable.ToList())
        {
            var batch = setAside.Batch;
            var written = true;
            for (var i = 0; i < batch.Offsets.Count && written; i++)
            {
                // Records stay with the batch in the silo that read them; a batch without them (never the case here) keeps its position.
                var record = i < batch.Records.Count ? batch.Records[i] : new KafkaRecord(partition.Topic, batch.Partition, batch.Offsets[i], null, null, default);
                written = await DeadLetterAsync(record, setAside.Reason, cancellationToken);
            }

            if (written)
            {
                _setAsideNotYetDurable.Remove(setAside);
                _tracker.Completed(batch.FirstOffset);
            }
        }
    }

    private async Task<bool> DeadLetterAsync(KafkaRecord record, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await deadLetters.WriteAsync(new KafkaDeadLetter(record, reason, time.GetUtcNow()), cancellationToken);
            monitor.RecordsDeadLettered.Add(1, KafkaLagMonitor.Tags(providerName, partition.Topic, partition.Partition.Value));
            LogDeadLettered(logger, partition.Topic, record.Partition, record.Offset, reason);
            return true;
        }
        catch (Exception exception)
        {
            LogDeadLetterFailed(logger, exception, partition.Topic, record.Partition, record.Offset);
            return false;
        }
    }

    private void ReportProgress()
    {
        var high = _consumer!.GetWatermarkOffsets(partition)?.High ?? Offset.Unset;
        _progress!.Update(_committer!.Committed, _tracker.SafeCommitOffset, high.IsSpecial ? -1 : high.Value, _tracker.OutstandingCount, time.GetUtcNow());
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Reading {Partition} from {Offset} (committed offset in group {Group}: {Committed})")]
    private static partial void LogReading(ILogger logger, TopicPartition partition, Offset offset, string group, Offset committed);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Could not start reading {Partition}; retrying on the next pull")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, TopicPartition partition);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Kafka consumer for {Partition}: {Error}")]
    private static partial void LogConsumerError(ILogger logger, TopicPartition partition, Error error);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Consuming {Partition} failed; keeping the {Count} records read so far")]
    private static partial void LogConsumeFailed(ILogger logger, Exception exception, TopicPartition partition, int count);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Dead-lettered {Topic}/{Partition}@{Offset}: {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, string topic, int partition, long offset, string reason);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Dead-letter store failed for {Topic}/{Partition}@{Offset}; the offset stays below it")]
    private static partial void LogDeadLetterFailed(ILogger logger, Exception exception, string topic, int partition, long offset);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Released {Partition}: committed offset {Committed}, {InFlight} batches in flight will be redelivered by the next owner")]
    private static partial void LogReleased(ILogger logger, TopicPartition partition, long committed, int inFlight);
}
