using CineMatch.Streaming.Kafka.Receiving;
using Orleans.Runtime;
using Orleans.Streams;

namespace CineMatch.Streaming.Kafka.Checkpointing;

/// <summary>
/// A purged batch that was not processed: its consumer kept failing for every delivery round. The receiver
/// writes its records to the dead-letter store and only then counts it as done, so the committed offset
/// never passes a record that is neither applied nor durably kept aside.
/// </summary>
internal sealed class SetAsideBatch(KafkaBatchContainer batch, string reason) : IBatchContainer
{
    public KafkaBatchContainer Batch { get; } = batch;

    public string Reason { get; } = reason;

    public StreamId StreamId => Batch.StreamId;

    public StreamSequenceToken SequenceToken => Batch.SequenceToken;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() => Batch.GetEvents<T>();

    public bool ImportRequestContext() => false;
}
