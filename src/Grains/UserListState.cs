using CineMatch.Counting;
using CineMatch.Events;
using CineMatch.Lists;
using CineMatch.Statistics;

namespace CineMatch.Grains;

/// <summary>Everything a user grain persists in one write: the list, how far into the log it reaches, and what it owes the counters.</summary>
[GenerateSerializer, Alias("cinematch.UserListState")]
public sealed class UserListState
{
    [Id(0)] public WatchList List { get; set; } = new();
    [Id(1)] public MembershipLedger Ledger { get; set; } = new();
    /// <summary>Whether the list was seeded from the backend's <c>movies</c> collection already.</summary>
    [Id(2)] public bool Hydrated { get; set; }
    /// <summary>Per partition, the highest offset the list reflects (applied or recorded late).</summary>
    [Id(3)] public LogProgress Progress { get; set; } = new();
    /// <summary>What was last written to <c>user_affinities</c>, so that only changes are written.</summary>
    [Id(10)] public AffinityLedger Affinities { get; set; } = new();

    /// <summary>
    /// Applies a batch in order. An event whose position the state already reflects is skipped (CONTRACT section 2:
    /// a redelivered event is neither applied again nor recorded as late); the mark is taken at the start of the
    /// batch, so a batch may hold its own records in any order, and a record repeated inside it counts once.
    /// </summary>
    public BatchOutcome Apply(IReadOnlyList<SequencedEvent> events, TimeSpan allowedLateness)
    {
        var processed = Progress.Copy();
        var late = new List<LateArrival>();
        var applied = 0;
        var redelivered = 0;
        var progressMoved = false;
        var seen = new HashSet<LogPosition>();
        foreach (var (movieEvent, sequence) in events)
        {
            if (movieEvent.Position is { } position && (processed.Reflects(position) || !seen.Add(position)))
            {
                redelivered++;
                continue;
            }

            var watermark = List.Watermark(allowedLateness);
            if (List.Apply(movieEvent, sequence, allowedLateness) == ApplyOutcome.Late)
            {
                late.Add(new LateArrival(movieEvent, watermark));
            }
            else
            {
                applied++;
            }

            progressMoved |= Progress.Advance(movieEvent.Position);
        }

        return new BatchOutcome(applied, late, redelivered, progressMoved);
    }
}
