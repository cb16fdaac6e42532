using CineMatch.Events;

namespace CineMatch.Lists;

/// <summary>
/// How far into the log a user's state reaches: per partition, the highest offset already processed (applied
/// or recorded late). Records are keyed by <c>user_id</c>, so one user's events come from one partition in offset
/// order; a record at or below that offset is a redelivery (a rewind after a crash, a retried batch) whose effect
/// the state already holds, and judging it again against a watermark that has since moved would call it late.
/// </summary>
[GenerateSerializer, Alias("cinematch.LogProgress")]
public sealed class LogProgress
{
    [Id(0)] public Dictionary<int, long> HighestOffsets { get; set; } = [];

    /// <summary>Whether the record at <paramref name="position"/> was processed already. Events without a position never were.</summary>
    public bool Reflects(LogPosition? position) =>
        position is { } p && HighestOffsets.TryGetValue(p.Partition, out var highest) && p.Offset <= highest;

    /// <summary>Moves the partition's mark to <paramref name="position"/> when it is further on; returns whether it moved.</summary>
    public bool Advance(LogPosition? position)
    {
        if (position is not { } p || Reflects(p))
        {
            return false;
        }

        HighestOffsets[p.Partition] = p.Offset;
        return true;
    }

    public LogProgress Copy() => new() { HighestOffsets = new Dictionary<int, long>(HighestOffsets) };
}
