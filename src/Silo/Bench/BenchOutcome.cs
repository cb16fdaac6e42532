using System.Text.Json;
using CineMatch.Documents;
using CineMatch.Hosting.InMemory;
using CineMatch.Wire;

namespace CineMatch.Silo.Bench;

/// <summary>What a run left behind, comparable between the Kafka path and the replay of the same events.</summary>
public sealed record BenchOutcome(
    IReadOnlyDictionary<string, string> UserStats,
    IReadOnlyDictionary<string, long> MovieCounts,
    long TotalUsers,
    long TotalEntries,
    long SumOfTotalWatched,
    int DeadLetters,
    int LateEvents)
{
    /// <summary>Read after the trends were flushed, so <c>movie_counts</c> is written. Write times are left out.</summary>
    public static BenchOutcome Of(InMemoryStatisticsStore store, GlobalStatsDocument trends) => new(
        store.UserStats.Values.ToDictionary(doc => doc.UserId, doc => JsonSerializer.Serialize(doc with { UpdatedAt = "" }, DocumentJson.Options), StringComparer.Ordinal),
        store.MovieCounts.Values.ToDictionary(doc => doc.Id, doc => doc.Count, StringComparer.Ordinal),
        trends.TotalUsers,
        trends.TotalEntries,
        store.UserStats.Values.Sum(doc => (long)doc.TotalWatched),
        store.DeadLetters.Count,
        store.LateEvents.Count);

    /// <summary>Every difference from the expected outcome, in words; empty when they agree.</summary>
    public IReadOnlyList<string> DifferencesFrom(BenchOutcome expected)
    {
        var differences = new List<string>();
        void Compare<T>(string what, T actual, T wanted)
        {
            if (!EqualityComparer<T>.Default.Equals(actual, wanted))
            {
                differences.Add($"{what}: {actual}, expected {wanted}");
            }
        }

        Compare("total_users", TotalUsers, expected.TotalUsers);
        Compare("total_entries", TotalEntries, expected.TotalEntries);
        Compare("sum of total_watched", SumOfTotalWatched, expected.SumOfTotalWatched);
        Compare("dead letters", DeadLetters, expected.DeadLetters);
        Compare("late events", LateEvents, expected.LateEvents);
        Compare("user_stats documents", UserStats.Count, expected.UserStats.Count);
        Compare("movie_counts documents", MovieCounts.Count, expected.MovieCounts.Count);
        Compare("user_stats documents that differ", Differing(UserStats, expected.UserStats), 0);
        Compare("movie_counts that differ", Differing(MovieCounts, expected.MovieCounts), 0);
        return differences;
    }

    private static int Differing<T>(IReadOnlyDictionary<string, T> actual, IReadOnlyDictionary<string, T> expected) =>
        expected.Count(pair => !actual.TryGetValue(pair.Key, out var value) || !EqualityComparer<T>.Default.Equals(value, pair.Value));
}
