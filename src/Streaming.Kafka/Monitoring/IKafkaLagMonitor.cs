namespace CineMatch.Streaming.Kafka.Monitoring;

/// <summary>Consumer lag of the partitions this silo reads, for an SRE endpoint (the same figures go to the meter <c>CineMatch.Kafka</c>).</summary>
public interface IKafkaLagMonitor
{
    IReadOnlyList<PartitionLag> GetLag();
}
