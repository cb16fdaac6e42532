using CineMatch.Events;

namespace CineMatch.Silo.Commands;

/// <summary>What the <c>broker</c> command serves.</summary>
/// <param name="Port">The loopback port clients use; 0 for one the system picks.</param>
/// <param name="Partitions">Partitions of the topic created at start.</param>
/// <param name="Topic">The topic created at start.</param>
public sealed record BrokerOptions(int Port = BrokerOptions.DefaultPort, int Partitions = BrokerOptions.DefaultPartitions, string Topic = StreamNames.UserMovieEvents)
{
    public const int DefaultPort = 9092;
    public const int DefaultPartitions = 8;
}
