using CineMatch.Documents;

namespace CineMatch.Sinks;

/// <summary>The <c>global_stats</c> and <c>movie_counts</c> collections.</summary>
public interface ITrendsSink
{
    Task WriteGlobalStatsAsync(GlobalStatsDocument document, CancellationToken cancellationToken);

    /// <summary>Replaces the given films' documents and deletes those whose count fell to zero.</summary>
    Task WriteMovieCountsAsync(IReadOnlyList<MovieCountDocument> upserts, IReadOnlyList<string> deletedIds, CancellationToken cancellationToken);
}
