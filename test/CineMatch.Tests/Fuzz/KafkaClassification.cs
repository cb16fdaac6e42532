using CineMatch.Domain;
using CineMatch.Streaming.Kafka.Receiving;

namespace CineMatch.Tests.Fuzz;

/// <summary>How the Kafka path sorts a record: the provider's record adapter with the production parser.</summary>
internal static class KafkaClassification
{
    private static readonly KafkaRecordAdapter Adapter = new(EventParser.Parse, "fuzz", maxEventsPerBatch: 100);

    /// <summary>The reason the Kafka path dead-letters the record, or null when it applies it; asked twice, and both answers must agree.</summary>
    public static string? RejectionOf(FuzzCase fuzzCase, FuzzLog log)
    {
        var first = Adapter.Interpret(new KafkaRecord(0, 0, fuzzCase.Value));
        var second = Adapter.Interpret(new KafkaRecord(0, 0, fuzzCase.Value));
        Assert.True(
            first.RejectionReason == second.RejectionReason && (first.Event is null) == (second.Event is null),
            $"{log}: the Kafka path sorted the same record two ways ({first.RejectionReason} / {second.RejectionReason}): {fuzzCase.Describe()}");
        return first.Event is null ? first.RejectionReason ?? "invalid event" : null;
    }
}
