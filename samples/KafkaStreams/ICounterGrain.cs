namespace KafkaStreams;

public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>How many different numbers reached this counter.</summary>
    Task<int> GetCountAsync();
}
