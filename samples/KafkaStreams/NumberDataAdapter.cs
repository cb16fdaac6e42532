using System.Globalization;
using System.Text;
using CineMatch.Streaming.Kafka.DataAdapter;
using Orleans.Runtime;

namespace KafkaStreams;

/// <summary>
/// Records are numbers as text, keyed by the counter that should see them: each becomes an <see cref="int"/> event on the
/// stream (<see cref="CounterGrain.StreamNamespace"/>, record key). Anything else goes to the dead-letter sink.
/// </summary>
public sealed class NumberDataAdapter : IKafkaDataAdapter
{
    public KafkaRecordInterpretation FromRecord(KafkaRecord record)
    {
        if (record.Key is not { Length: > 0 } key || record.Value is null)
        {
            return KafkaRecordInterpretation.Rejected("a record needs a key and a value");
        }

        return int.TryParse(Encoding.UTF8.GetString(record.Value), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? KafkaRecordInterpretation.Accepted(StreamId.Create(CounterGrain.StreamNamespace, Encoding.UTF8.GetString(key)), number)
            : KafkaRecordInterpretation.Rejected("the value is not a number");
    }

    public KafkaMessage ToRecord(StreamId streamId, object item) =>
        new(Encoding.UTF8.GetBytes(streamId.GetKeyAsString()), Encoding.UTF8.GetBytes(Convert.ToString(item, CultureInfo.InvariantCulture)!));
}
