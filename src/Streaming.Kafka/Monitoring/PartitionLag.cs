namespace CineMatch.Streaming.Kafka.Monitoring;

/// <summary>How far one partition's consumer trails the log, as seen by the silo that owns the partition.</summary>
/// <param name="Committed">Offset stored in the consumer group (the next record a restart would read), -1 if none yet.</param>
/// <param name="Processed">Offset below which every record is done (applied or dead-lettered): what the next commit will store.</param>
/// <param name="HighWatermark">Offset after the last record in the partition, as of the latest fetch; -1 if unknown.</param>
/// <param name="Lag">HighWatermark − Committed: records a restart would (re)read; -1 if either is unknown.</param>
/// <param name="InFlight">Batches read and not yet completed by their consumers.</param>
public sealed record PartitionLag(
    string Provider,
    string Topic,
    int Partition,
    long Committed,
    long Processed,
    long HighWatermark,
    long Lag,
    int InFlight,
    DateTimeOffset UpdatedAt);
