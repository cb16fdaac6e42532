namespace CineMatch.Streaming.Kafka.DataAdapter;

/// <summary>
/// Where set-aside records go. The provider retries a failed write on its next pull and does not move the
/// partition's committed offset past a record the sink has not taken. Register one per provider with
/// <see cref="Hosting.KafkaStreamConfigurator.UseDeadLetterSink"/>; without one, <see cref="LoggingDeadLetterSink"/>.
/// </summary>
public interface IKafkaDeadLetterSink
{
    Task WriteAsync(KafkaDeadLetter deadLetter, CancellationToken cancellationToken);
}
