namespace CineMatch.Tests.Support;

/// <summary>A bad record of a golden log: its line (offset) and which part of it is bad, in the oracle's words.</summary>
public sealed record GoldenDeadLetter(long Offset, string Problem)
{
    /// <summary>
    /// Whether a dead letter's free-text reason names the problem recognisably: every word of three letters or
    /// more of the problem appears in it, ignoring case ("not an object" is told by "not a JSON object: got array").
    /// </summary>
    public bool IsNamedBy(string? reason) =>
        reason is not null && Problem
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(word => word.Length >= 3)
            .All(word => reason.Contains(word, StringComparison.OrdinalIgnoreCase));
}
