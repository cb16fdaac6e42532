namespace CineMatch.Hosting;

/// <summary>How events travel from the gateway to the grains (the <c>EventLog</c> setting).</summary>
public enum EventLogKind
{
    /// <summary>Kafka: the brokers named in configuration, or a broker embedded in this process.</summary>
    Kafka,

    /// <summary>Orleans memory streams: no broker at all, nothing survives the process.</summary>
    Memory,
}
