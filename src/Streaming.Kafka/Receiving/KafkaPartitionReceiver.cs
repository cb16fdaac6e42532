using CineMatch.Streaming.Kafka.Checkpointing;
using CineMatch.Streaming.Kafka.DataAdapter;
using CineMatch.Streaming.Kafka.Hosting;
using CineMatch.Streaming.Kafka.Monitoring;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace CineMatch.Streaming.Kafka.Receiving;

/// <summary>
/// Reads one Kafka partition for the Orleans queue that stands for it. The partition is assigned directly
/// (no consumer-group membership: Orleans' queue balancer decides which silo reads it), reading resumes at
/// the group's committed offset, and offsets are committed only below the oldest batch not yet completed.
/// </summary>
internal sealed class KafkaPartitionReceiver(
    string providerName,
    TopicPartition partition,
    KafkaConnectionOptions connection,
    KafkaConsumerOptions consumerOptions,
    KafkaCheckpointOptions checkpointOptions,
    KafkaMonitoringOptions monitoringOptions,
    KafkaBatchBuilder batches,
    IKafkaDeadLetterSink deadLetters,
    KafkaLagMonitor monitor,
    TimeProvider time,
    ILogger logger) : IQueueAdapterReceiver
{
    private readonly List<SetAsideBatch> _setAsideNotYetDurable = [];
    private IConsumer<byte[]?, byte[]?>? _consumer;
    private PartitionCommitTracker _tracker = new(null);
    private KafkaOffsetCommitter? _committer;
    private PartitionProgress? _progress;

    public Task Initialize(TimeSpan timeout) => StartAsync();

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount)
    {
        if (!await StartAsync())
        {
            return [];
        }

        await MakeSetAsideDurableAsync();
        var limit = maxCount <= 0 ? consumerOptions.PollBatchSize : Math.Min(maxCount, consumerOptions.PollBatchSize);
        var interpreted = new List<RecordOutcome>();
        foreach (var record in Poll(limit))
        {
            var outcome = batches.Interpret(record);
            if (!outcome.IsAccepted && !await DeadLetterAsync(record, outcome.Interpretation.RejectionReason!))
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
    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages)
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
                    _setAsideNotYetDurable.Add(setAside);
                    break;
                case KafkaBatchContainer completed:
                    _tracker.Completed(completed.FirstOffset);
                    break;
            }
        }

        await MakeSetAsideDurableAsync();
        await _committer!.CommitAsync(_tracker.SafeCommitOffset, force: false);
        ReportProgress();
    }

    public async Task Shutdown(TimeSpan timeout)
    {
        if (_consumer is not { } consumer)
        {
            return;
        }

        await MakeSetAsideDurableAsync();
        await _committer!.CommitAsync(_tracker.SafeCommitOffset, force: true);
        logger.LogInformation("Released {Partition}: committed offset {Committed}, {InFlight} batches in flight will be redelivered by the next owner",
            partition, _committer.Committed, _tracker.OutstandingCount);
        monitor.Forget(_progress!);
        _consumer = null;
        await Task.Run(consumer.Dispose);
    }

    /// <summary>Creates the consumer and assigns the partition at its committed offset; false (retried on the next pull) when the brokers do not answer.</summary>
    private async Task<bool> StartAsync()
    {
        if (_consumer is not null)
        {
            return true;
        }

        var consumer = new ConsumerBuilder<byte[]?, byte[]?>(ConsumerConfig())
            .SetErrorHandler((_, error) => logger.LogWarning("Kafka consumer for {Partition}: {Error}", partition, error))
            .Build();
        try
        {
            var committed = await Task.Run(() => consumer.Committed([partition], consumerOptions.BrokerTimeout).Single().Offset);
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
            logger.LogInformation("Reading {Partition} from {Offset} (committed offset in group {Group}: {Committed})",
                partition, resumeAt, consumerOptions.ConsumerGroup, committed);
            return true;
        }
        catch (KafkaException exception)
        {
            logger.LogWarning(exception, "Could not start reading {Partition}; retrying on the next pull", partition);
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
                logger.LogWarning(exception, "Consuming {Partition} failed; keeping the {Count} records read so far", partition, records.Count);
                break;
            }

            if (result is null || result.IsPartitionEOF)
            {
                break;
            }

            records.Add(new KafkaRecord(result.Topic, result.Partition.Value, result.Offset.Value, result.Message.Key, result.Message.Value, result.Message.Timestamp.UtcDateTime));
        }

        monitor.RecordsRead.Add(records.Count, KafkaLagMonitor.Tags(providerName, partition.Topic, partition.Partition.Value));
        return records;
    }

    /// <summary>Writes the records of set-aside batches to the dead-letter store; a batch counts as done once all of them are durable.</summary>
    private async Task MakeSetAsideDurableAsync()
    {
        foreach (var setAside in _setAsideNotYetDurable.ToList())
        {
            var batch = setAside.Batch;
            var written = true;
            for (var i = 0; i < batch.Offsets.Count && written; i++)
            {
                // Records stay with the batch in the silo that read them; a batch without them (never the case here) keeps its position.
                var record = i < batch.Records.Count ? batch.Records[i] : new KafkaRecord(partition.Topic, batch.Partition, batch.Offsets[i], null, null, default);
                written = await DeadLetterAsync(record, setAside.Reason);
            }

            if (written)
            {
                _setAsideNotYetDurable.Remove(setAside);
                _tracker.Completed(batch.FirstOffset);
            }
        }
    }

    private async Task<bool> DeadLetterAsync(KafkaRecord record, string reason)
    {
        try
        {
            await deadLetters.WriteAsync(new KafkaDeadLetter(record, reason, time.GetUtcNow()), CancellationToken.None);
            monitor.RecordsDeadLettered.Add(1, KafkaLagMonitor.Tags(providerName, partition.Topic, partition.Partition.Value));
            logger.LogWarning("Dead-lettered {Topic}/{Partition}@{Offset}: {Reason}", partition.Topic, record.Partition, record.Offset, reason);
            return true;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Dead-letter store failed for {Topic}/{Partition}@{Offset}; the offset stays below it", partition.Topic, record.Partition, record.Offset);
            return false;
        }
    }

    private void ReportProgress()
    {
        var high = _consumer!.GetWatermarkOffsets(partition)?.High ?? Offset.Unset;
        _progress!.Update(_committer!.Committed, _tracker.SafeCommitOffset, high.IsSpecial ? -1 : high.Value, _tracker.OutstandingCount, time.GetUtcNow());
    }
}
