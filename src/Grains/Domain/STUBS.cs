using System.Text.Json;
using CineMatch.Catalog;
using CineMatch.Counting;
using CineMatch.Documents;
using CineMatch.Events;

namespace CineMatch.Domain;

// Signatures agreed between the grains and the domain; bodies are being written.

public static class TrendsCalculator
{
    /// <summary>The global_trends document from every counter's latest tally (film and user-population counters).</summary>
    public static GlobalStatsDocument Build(IEnumerable<CounterTally> tallies, DateTimeOffset now, string source)
        => throw new NotImplementedException();

    public static MovieCountDocument ToMovieCount(CounterTally filmTally, DateTimeOffset now) => throw new NotImplementedException();
}
