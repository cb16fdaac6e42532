using System.Text;
using CineMatch.Events;
using CineMatch.Streaming.Kafka.DataAdapter;
using CineMatch.Wire;
using Orleans.Runtime;

namespace CineMatch.Hosting.Kafka;

/// <summary>
/// The backend's records as <see cref="MovieEvent"/>s: plain JSON values keyed by <c>user_id</c>, no Orleans
/// headers (a <c>traceparent</c> header, when present, is the provider's business). The stream is (<c>user-movie-events</c> unless told otherwise, the event's <c>user_id</c>), and each event carries its
/// record's position, by which the user's grain recognises a redelivery.
/// </summary>
public sealed class MovieEventDataAdapter(string streamNamespace = StreamNames.UserMovieEvents) : IKafkaDataAdapter
{
    public KafkaRecordInterpretation FromRecord(KafkaRecord record)
    {
        if (record.Value is not { Length: > 0 } value)
        {
            return KafkaRecordInterpretation.Rejected("empty record value");
        }

        var parsed = EventParser.Parse(value);
        return parsed.Event is { } movieEvent
            ? KafkaRecordInterpretation.Accepted(
                StreamId.Create(streamNamespace, movieEvent.UserId),
                movieEvent with { Position = new LogPosition(record.Partition, record.Offset) })
            : KafkaRecordInterpretation.Rejected(parsed.Error ?? "invalid event");
    }

    /// <summary>The same record the backend writes: key = user_id, value = the event's JSON (or JSON text given as it is).</summary>
    public KafkaMessage ToRecord(StreamId streamId, object item) => new(
        Encoding.UTF8.GetBytes(streamId.GetKeyAsString()),
        Encoding.UTF8.GetBytes(item switch
        {
            string json => json,
            MovieEvent movieEvent => EventJson.Serialize(movieEvent),
            _ => throw new NotSupportedException($"Only MovieEvent or its JSON text can go on the Kafka stream, not {item.GetType().Name}."),
        }));
}
