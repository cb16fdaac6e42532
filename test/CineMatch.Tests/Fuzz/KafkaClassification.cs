using CineMatch.Hosting.Kafka;
using CineMatch.Streaming.Kafka.DataAdapter;
using CineMatch.Streaming.Kafka.Receiving;

namespace CineMatch.Tests.Fuzz;

/// <summary>How the Kafka path sorts a record: the provider's batch builder with the production data adapter.</summary>
internal static class KafkaClassification
{
    private static readonly KafkaBatchBuilder Batches = new(new MovieEventDataAdapter(), maxEventsPerBatch: 100);

    /// <summary>The reason the Kafka path dead-letters the record, or null when it applies it; asked twice, and both answers must agree.</summary>
    public static string? RejectionOf(FuzzCase fuzzCase, FuzzLog log)
    {
        var record = new KafkaRecord("fuzz", 0, 0, null, fuzzCase.Value, default);
        var first = Batches.Interpret(record).Interpretation;
        var second = Batches.Interpret(record).Interpretation;
        Assert.True(
            first.RejectionReason == second.RejectionReason && (first.Event is null) == (second.Event is null),
            $"{log}: the Kafka path sorted the same record two ways ({first.RejectionReason} / {second.RejectionReason}): {fuzzCase.Describe()}");
        return first.Event is null ? first.RejectionReason ?? "invalid event" : null;
    }
}
