using CineMatch.Streaming.Kafka.DataAdapter;
using Orleans.Streams;

namespace CineMatch.Streaming.Kafka.Receiving;

/// <summary>
/// Runs the data adapter over the records of one poll and groups the accepted ones into batch containers:
/// one stream's events together, in offset order, cut at <c>maxEventsPerBatch</c>.
/// </summary>
internal sealed class KafkaBatchBuilder(IKafkaDataAdapter adapter, int maxEventsPerBatch)
{
    public RecordOutcome Interpret(KafkaRecord record)
    {
        KafkaRecordInterpretation interpretation;
        try
        {
            interpretation = adapter.FromRecord(record);
        }
        catch (Exception exception)
        {
            // A bug on one odd record must not stop the partition: the record is set aside like any bad one.
            interpretation = KafkaRecordInterpretation.Rejected($"data adapter failed: {exception.GetType().Name}: {exception.Message}");
        }

        return new RecordOutcome(record, interpretation);
    }

    /// <summary>Containers come out ordered by their first offset, as the cache expects.</summary>
    public List<IBatchContainer> ToContainers(IEnumerable<RecordOutcome> outcomes)
    {
        var containers = new List<KafkaBatchContainer>();
        foreach (var stream in outcomes.Where(o => o.IsAccepted).GroupBy(o => o.Interpretation.StreamId))
        {
            foreach (var chunk in stream.Chunk(maxEventsPerBatch))
            {
                containers.Add(new KafkaBatchContainer(
                    stream.Key,
                    chunk[0].Record.Partition,
                    chunk.Select(o => o.Interpretation.Event!).ToList(),
                    chunk.Select(o => o.Record.Offset).ToList(),
                    chunk.Select(o => o.Record).ToList()));
            }
        }

        return containers.OrderBy(c => c.FirstOffset).Cast<IBatchContainer>().ToList();
    }
}
