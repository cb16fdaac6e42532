using CineMatch.Documents;

namespace CineMatch.Sinks;

// Where the computed documents go: in-memory collections on the embedded default, MongoDB in
// production. Every write is an idempotent replace or $set (EXACTNESS I5), so a retry or a late
// duplicate converges on the same stored truth.

/// <summary>The <c>user_stats</c> collection.</summary>
public interface IUserStatsSink
{
    Task UpsertAsync(UserStatsDocument document, CancellationToken cancellationToken);

    Task DeleteAsync(string userId, CancellationToken cancellationToken);
}

/// <summary>The <c>global_stats</c> and <c>movie_counts</c> collections.</summary>
public interface ITrendsSink
{
    Task WriteGlobalStatsAsync(GlobalStatsDocument document, CancellationToken cancellationToken);

    /// <summary>Replaces the given films' documents and deletes those whose count fell to zero.</summary>
    Task WriteMovieCountsAsync(IReadOnlyList<MovieCountDocument> upserts, IReadOnlyList<string> deletedIds, CancellationToken cancellationToken);
}

/// <summary>The <c>dead_letters</c> and <c>late_events</c> collections: input that was kept aside, never dropped.</summary>
public interface IRejectedEventSink
{
    Task DeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken);

    Task LateEventAsync(LateEvent lateEvent, CancellationToken cancellationToken);
}
