namespace MongoDBPersistence;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<int> Get();

    /// <summary>Ends this activation, so the next call starts a new one that must read the count back from MongoDB.</summary>
    Task Deactivate();
}
