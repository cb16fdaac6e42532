using System.Text;
using Orleans.Runtime;

namespace CineMatch.Streaming.Kafka.DataAdapter;

/// <summary>
/// The adapter used when none is registered: each record is a <see cref="string"/> event (its UTF-8 value) on the
/// stream whose key is the record's key and whose namespace is the topic. A record without a key or value is rejected.
/// </summary>
public sealed class KafkaStringDataAdapter : IKafkaDataAdapter
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public KafkaRecordInterpretation FromRecord(KafkaRecord record)
    {
        if (record.Key is not { Length: > 0 } key)
        {
            return KafkaRecordInterpretation.Rejected("the record has no key");
        }

        if (record.Value is null)
        {
            return KafkaRecordInterpretation.Rejected("the record has no value");
        }

        return KafkaRecordInterpretation.Accepted(StreamId.Create(record.Topic, StrictUtf8.GetString(key)), StrictUtf8.GetString(record.Value));
    }

    public KafkaMessage ToRecord(StreamId streamId, object item) => item switch
    {
        string text => new KafkaMessage(Encoding.UTF8.GetBytes(streamId.GetKeyAsString()), Encoding.UTF8.GetBytes(text)),
        _ => throw new NotSupportedException($"{nameof(KafkaStringDataAdapter)} produces strings only, not {item.GetType().Name}; register an IKafkaDataAdapter."),
    };
}
