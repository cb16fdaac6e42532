using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Statistics.MongoDB.Sinks;

/// <summary>
/// Runs a sink's write until MongoDB takes it. Each attempt is bounded by <see cref="MongoDBSinkOptions.AttemptTimeout"/>;
/// failures are logged and retried after an exponentially growing pause, for as long as the caller waits.
/// A grain awaiting a write while MongoDB is away simply waits: the statistics are never thrown away,
/// and because every write is a replace, a late retry still stores the truth (EXACTNESS I5).
/// </summary>
internal sealed partial class PersistentWriter(IOptions<MongoDBSinkOptions> options, ILogger<PersistentWriter> logger)
{
    // Errors that no retry can fix: the write itself is wrong (too large, invalid), so waiting would block the caller forever.
    private static readonly HashSet<int> PermanentCodes = [2, 121, 10334, 17419, 17420];

    private const int ChunkSize = 1000;

    private IMongoDatabase Database { get; } = options.Value.GetDatabase();

    public async Task WriteAsync(string what, Func<IMongoDatabase, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var delay = settings.FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptTimeout.CancelAfter(settings.AttemptTimeout);
            try
            {
                await write(Database, attemptTimeout.Token);
                if (attempt > 1)
                {
                    LogRecovered(what, attempt);
                }

                return;
            }
            catch (Exception e) when (IsTransient(e))
            {
                LogAttemptFailed(e, what, attempt, delay);

                // The caller stopped waiting: it learns that it cancelled, not why the last attempt failed.
                cancellationToken.ThrowIfCancellationRequested();
            }

            // ±20 % jitter: the grains that lost MongoDB together should not all come back in the same instant.
            await Task.Delay(delay * (0.8 + (0.4 * Random.Shared.NextDouble())), cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxRetryDelay.Ticks));
        }
    }

    /// <summary>
    /// A bulk write in chunks of <see cref="ChunkSize"/>, each retried alone: a retry after a failure repeats at most
    /// one chunk, and an attempt stays well inside its timeout even on a slow server. <paramref name="beforeEach"/>
    /// runs first in every attempt (an index to ensure).
    /// </summary>
    public async Task BulkWriteAsync(
        string collection,
        string what,
        IEnumerable<WriteModel<BsonDocument>> writes,
        Func<IMongoDatabase, CancellationToken, Task>? beforeEach,
        CancellationToken cancellationToken)
    {
        foreach (var chunk in writes.Chunk(ChunkSize))
        {
            await WriteAsync(
                $"{chunk.Length} {what}",
                async (db, token) =>
                {
                    if (beforeEach is not null)
                    {
                        await beforeEach(db, token);
                    }

                    await db.GetCollection<BsonDocument>(collection).BulkWriteAsync(chunk, new BulkWriteOptions { IsOrdered = true }, token);
                },
                cancellationToken);
        }
    }

    private static bool IsTransient(Exception e) => e switch
    {
        MongoWriteException write => !PermanentCodes.Contains(write.WriteError.Code),
        MongoBulkWriteException bulk => !bulk.WriteErrors.Any(error => PermanentCodes.Contains(error.Code)),
        MongoCommandException command => !PermanentCodes.Contains(command.Code),
        MongoException or TimeoutException or OperationCanceledException => true,
        _ => false,
    };

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Writing {What} to MongoDB failed (attempt {Attempt}); retrying in {Delay}")]
    private partial void LogAttemptFailed(Exception exception, string what, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Wrote {What} to MongoDB at attempt {Attempt}")]
    private partial void LogRecovered(string what, int attempt);
}
