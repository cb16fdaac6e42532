using CineMatch.Events;

namespace CineMatch.Lists;

/// <summary>An event that was older than the user's watermark when it arrived, with that watermark.</summary>
public sealed record LateArrival(MovieEvent Event, DateTimeOffset? Watermark);
