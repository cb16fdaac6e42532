using System.Text;
using CineMatch.Domain;
using CineMatch.Events;
using Orleans.Runtime;
using Orleans.Streams;

namespace CineMatch.Streaming.Kafka.Receiving;

/// <summary>Turns a record value into an event, or says why it is a bad event. Production: <see cref="EventParser.Parse(ReadOnlySpan{byte})"/>.</summary>
public delegate EventParseResult RecordValueParser(ReadOnlySpan<byte> utf8Json);

/// <summary>A record as read from a partition, before interpretation.</summary>
internal readonly record struct KafkaRecord(int Partition, long Offset, byte[]? Value);

/// <summary>What one record became: an event for the user's stream, or a rejection for the dead-letter store.</summary>
internal sealed record RecordOutcome(KafkaRecord Record, MovieEvent? Event, string? RejectionReason)
{
    public string RawText => Record.Value is null ? "" : Encoding.UTF8.GetString(Record.Value);
}

/// <summary>
/// The data adapter: record ↔ event and events → batch containers. The FastAPI backend writes plain JSON
/// values keyed by user_id with no Orleans headers; the stream is (namespace, user_id of the event).
/// </summary>
internal sealed class KafkaRecordAdapter(RecordValueParser parser, string streamNamespace, int maxEventsPerBatch)
{
    public RecordOutcome Interpret(KafkaRecord record)
    {
        if (record.Value is null || record.Value.Length == 0)
        {
            return new RecordOutcome(record, null, "empty record value");
        }

        EventParseResult result;
        try
        {
            result = parser(record.Value);
        }
        catch (Exception exception)
        {
            // A parser bug on one odd record must not stop the partition: the record is kept aside like any bad event.
            result = new EventParseResult(null, $"parser failed: {exception.GetType().Name}: {exception.Message}");
        }

        return result.Event is { } movieEvent
            ? new RecordOutcome(record, movieEvent with { Position = new LogPosition(record.Partition, record.Offset) }, null)
            : new RecordOutcome(record, null, result.Error ?? "invalid event");
    }

    /// <summary>
    /// Groups the accepted events of one poll by user, keeping offset order inside each group, and cuts groups
    /// at <c>maxEventsPerBatch</c>. Containers come out ordered by their first offset, as the cache expects.
    /// </summary>
    public List<IBatchContainer> ToContainers(IEnumerable<RecordOutcome> accepted)
    {
        var containers = new List<KafkaBatchContainer>();
        foreach (var user in accepted.Where(o => o.Event is not null).GroupBy(o => o.Event!.UserId, StringComparer.Ordinal))
        {
            var streamId = StreamId.Create(streamNamespace, user.Key);
            foreach (var chunk in user.Chunk(maxEventsPerBatch))
            {
                containers.Add(new KafkaBatchContainer(streamId, chunk.Select(o => o.Event!).ToList(), chunk.Select(o => o.RawText).ToList()));
            }
        }

        return containers.OrderBy(c => c.FirstOffset).Cast<IBatchContainer>().ToList();
    }
}
