using Microsoft.Extensions.Logging;

namespace CineMatch.Streaming.Kafka.DataAdapter;

/// <summary>The dead-letter sink used when none is registered: an error in the log naming the record's position and the reason.</summary>
public sealed partial class LoggingDeadLetterSink(ILogger<LoggingDeadLetterSink> logger) : IKafkaDeadLetterSink
{
    public Task WriteAsync(KafkaDeadLetter deadLetter, CancellationToken cancellationToken)
    {
        LogDeadLetter(deadLetter.Record.Topic, deadLetter.Record.Partition, deadLetter.Record.Offset, deadLetter.Reason);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Error, Message = "Dead letter {Topic}/{Partition}@{Offset}: {Reason}")]
    private partial void LogDeadLetter(string topic, int partition, long offset, string reason);
}
