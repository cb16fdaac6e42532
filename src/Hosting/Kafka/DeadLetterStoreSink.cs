using System.Text;
using CineMatch.Documents;
using CineMatch.Sinks;
using CineMatch.Streaming.Kafka.DataAdapter;

namespace CineMatch.Hosting.Kafka;

/// <summary>The provider's set-aside records as <c>dead_letters</c> documents, in whichever store the silo writes its documents to.</summary>
public sealed class DeadLetterStoreSink(IRejectedEventSink store) : IKafkaDeadLetterSink
{
    public async Task WriteAsync(KafkaDeadLetter deadLetter, CancellationToken cancellationToken)
    {
        await store.DeadLetterAsync(
            new DeadLetter
            {
                Raw = deadLetter.Record.Value is { } value ? Encoding.UTF8.GetString(value) : "",
                Partition = deadLetter.Record.Partition,
                Offset = deadLetter.Record.Offset,
                Reason = deadLetter.Reason,
                Time = deadLetter.Time.ToString("O"),
            },
            cancellationToken);
        StatisticsMetrics.DeadLetters.Add(1);
    }
}
