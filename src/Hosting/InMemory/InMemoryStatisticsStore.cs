using System.Collections.Concurrent;
using CineMatch.Documents;
using CineMatch.Sinks;

namespace CineMatch.Hosting.InMemory;

/// <summary>
/// The statistics collections of the embedded default, kept in memory with the same semantics as the MongoDB
/// sinks for this project's fields (no other writer shares these documents here); the replay command writes them
/// out as files.
/// </summary>
public sealed class InMemoryStatisticsStore : IUserStatsSink, IUserAffinitySink, ITrendsSink, IRejectedEventSink
{
    private readonly ConcurrentDictionary<string, UserStatsDocument> _userStats = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, UserAffinityDocument> _userAffinities = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MovieCountDocument> _movieCounts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<DeadLetter> _deadLetters = new();
    private readonly ConcurrentQueue<LateEvent> _lateEvents = new();
    private readonly ConcurrentDictionary<string, bool> _storedPositions = new(StringComparer.Ordinal);
    private volatile GlobalStatsDocument? _globalStats;
    private int _globalStatsWrites;

    public IReadOnlyDictionary<string, UserStatsDocument> UserStats => _userStats;

    public IReadOnlyDictionary<string, MovieCountDocument> MovieCounts => _movieCounts;

    /// <summary>The <c>user_affinities</c> documents by <c>_id</c>.</summary>
    public IReadOnlyDictionary<string, UserAffinityDocument> UserAffinities => _userAffinities;

    public GlobalStatsDocument? GlobalStats => _globalStats;

    /// <summary>How many times <c>global_stats</c> was written: lets a test see that an idle timer writes nothing.</summary>
    public int GlobalStatsWrites => _globalStatsWrites;

    public IReadOnlyCollection<DeadLetter> DeadLetters => _deadLetters;

    public IReadOnlyCollection<LateEvent> LateEvents => _lateEvents;

    public Task UpsertAsync(UserStatsDocument document, CancellationToken cancellationToken)
    {
        _userStats[document.UserId] = document;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string userId, CancellationToken cancellationToken)
    {
        _userStats.TryRemove(userId, out _);
        return Task.CompletedTask;
    }

    public Task WriteAsync(string userId, IReadOnlyList<UserAffinityDocument> upserts, IReadOnlyList<string> deletedIds, CancellationToken cancellationToken)
    {
        foreach (var document in upserts)
        {
            _userAffinities[document.Id] = document;
        }

        foreach (var id in deletedIds)
        {
            _userAffinities.TryRemove(id, out _);
        }

        return Task.CompletedTask;
    }

    public Task WriteGlobalStatsAsync(GlobalStatsDocument document, CancellationToken cancellationToken)
    {
        _globalStats = document;
        Interlocked.Increment(ref _globalStatsWrites);
        return Task.CompletedTask;
    }

    public Task WriteMovieCountsAsync(IReadOnlyList<MovieCountDocument> upserts, IReadOnlyList<string> deletedIds, CancellationToken cancellationToken)
    {
        foreach (var document in upserts)
        {
            _movieCounts[document.Id] = document;
        }

        foreach (var id in deletedIds)
        {
            _movieCounts.TryRemove(id, out _);
        }

        return Task.CompletedTask;
    }

    public Task DeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        if (FirstTime("dead", deadLetter.Partition, deadLetter.Offset))
        {
            _deadLetters.Enqueue(deadLetter);
        }

        return Task.CompletedTask;
    }

    public Task LateEventAsync(LateEvent lateEvent, CancellationToken cancellationToken)
    {
        if (FirstTime("late", lateEvent.Partition, lateEvent.Offset))
        {
            _lateEvents.Enqueue(lateEvent);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// As the MongoDB sink, which gives a record from the log the id of its position: a redelivered record
    /// or a retried write keeps one document. A record without a position is always new.
    /// </summary>
    private bool FirstTime(string collection, int? partition, long? offset) =>
        partition is not { } p || offset is not { } o || _storedPositions.TryAdd($"{collection}/{p}:{o}", true);
}
