using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Statistics.MongoDB.Reconcile;

/// <summary>A cursor sorted by <c>user_id</c>, read as one group of documents per user; holds one group at a time.</summary>
internal sealed class SortedUserGroups(IAsyncCursor<BsonDocument> cursor, CancellationToken cancellationToken) : IAsyncDisposable
{
    private IEnumerator<BsonDocument>? _batch;
    private BsonDocument? _pending;
    private bool _exhausted;

    public (string UserId, List<BsonDocument> Documents)? Current { get; private set; }

    public async Task<bool> MoveNextAsync()
    {
        var first = _pending ?? await NextAsync();
        _pending = null;
        if (first is null)
        {
            Current = null;
            return false;
        }

        var userId = UserIdOf(first);
        var documents = new List<BsonDocument> { first };
        while (await NextAsync() is { } next)
        {
            if (UserIdOf(next) != userId)
            {
                _pending = next;
                break;
            }

            documents.Add(next);
        }

        Current = (userId, documents);
        return true;
    }

    public ValueTask DisposeAsync()
    {
        _batch?.Dispose();
        cursor.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string UserIdOf(BsonDocument document) => document.GetValue("user_id", BsonNull.Value) is { IsString: true } id ? id.AsString : document.GetValue("user_id", BsonNull.Value).ToString()!;

    private async Task<BsonDocument?> NextAsync()
    {
        while (true)
        {
            if (_batch is not null && _batch.MoveNext())
            {
                return _batch.Current;
            }

            if (_exhausted || !await cursor.MoveNextAsync(cancellationToken))
            {
                _exhausted = true;
                return null;
            }

            _batch?.Dispose();
            _batch = cursor.Current.GetEnumerator();
        }
    }
}
