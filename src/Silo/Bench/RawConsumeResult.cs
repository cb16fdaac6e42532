using Confluent.Kafka;

namespace CineMatch.Silo.Bench;

/// <summary>What a plain Confluent consumer achieved on a topic: the baseline for the provider's end-to-end rate.</summary>
public sealed record RawConsumeResult(long Records, TimeSpan Elapsed, IReadOnlyList<ConsumeResult<string?, string?>> Sample)
{
    public double RecordsPerSecond => Elapsed > TimeSpan.Zero ? Records / Elapsed.TotalSeconds : 0;
}
