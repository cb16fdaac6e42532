using CineMatch.Events;

namespace CineMatch.Wire;

/// <summary>The outcome of parsing one record: an event, or the reason it is a bad event.</summary>
public sealed record EventParseResult(MovieEvent? Event, string? Error)
{
    public bool IsValid => Event is not null;

    public static EventParseResult Valid(MovieEvent movieEvent) => new(movieEvent, null);

    public static EventParseResult Rejected(string reason) => new(null, reason);
}
