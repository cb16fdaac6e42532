namespace MongoDBPersistence;

/// <summary>Stored as a readable document: <c>{ _id, _etag, state: { Value: 3 } }</c>.</summary>
public sealed class CounterState
{
    public int Value { get; set; }
}
