using Microsoft.Extensions.Logging;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Statistics.MongoDB.Sinks;

/// <summary>
/// An index a sink's queries (or the backend's) need, created before the sink's first write when missing.
/// The server refusing it (an index of the same keys under another name, duplicates that a unique index
/// forbids, a server or emulator without that option) is logged and not retried: the writes stay correct
/// without it, only slower, and blocking the statistics on it would hurt more. A lost connection is not a
/// refusal: the write attempt fails and its retry tries again.
/// </summary>
internal sealed partial class EnsuredIndex(string collection, BsonDocument keys, CreateIndexOptions options, ILogger logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _settled;

    public async Task EnsureAsync(IMongoDatabase database, CancellationToken cancellationToken)
    {
        if (_settled)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_settled)
            {
                await CreateAsync(database, cancellationToken);
                _settled = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task CreateAsync(IMongoDatabase database, CancellationToken cancellationToken)
    {
        try
        {
            var name = await database.GetCollection<BsonDocument>(collection).Indexes.CreateOneAsync(
                new CreateIndexModel<BsonDocument>(keys, options), cancellationToken: cancellationToken);
            LogIndexReady(logger, name, collection);
        }
        catch (MongoCommandException e)
        {
            LogIndexRefused(logger, e, keys.ToString(), collection, e.Message);
        }
    }

    [LoggerMessage(EventId = 3500, Level = LogLevel.Debug, Message = "Index {Name} of {Collection} is in place")]
    private static partial void LogIndexReady(ILogger logger, string name, string collection);

    [LoggerMessage(EventId = 3501, Level = LogLevel.Warning, Message = "MongoDB refused the index {Keys} on {Collection} ({Reason}); writing on without it: create it by hand for fast reads")]
    private static partial void LogIndexRefused(ILogger logger, Exception exception, string keys, string collection, string reason);
}
