namespace KafkaStreams;

/// <summary>The names the silo, the producer and the grains share.</summary>
public static class Sample
{
    public const string StreamProvider = "kafka";
    public const string Topic = "numbers";
    public const int Counters = 4;
}
