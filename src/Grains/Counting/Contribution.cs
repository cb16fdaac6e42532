using CineMatch.Counting;

namespace CineMatch.Counting;

/// <summary>What one user currently contributes to one counter, as the counters will know once the outbox is delivered.</summary>
[GenerateSerializer, Alias("cinematch.Contribution")]
public sealed class Contribution
{
    [Id(0)] public string CounterKey { get; set; } = "";
    [Id(1)] public int Entries { get; set; }
    [Id(2)] public Dictionary<string, int> Genres { get; set; } = [];
    /// <summary>How the counter shows the film, as this user's first entry for it says.</summary>
    [Id(3)] public FilmLabel? Label { get; set; }
}
