namespace CineMatch.Tests.Property;

/// <summary>
/// One record of a user's log as small numbers, so that CsCheck shrinks a failing log towards plain ADDs
/// of the first film, seven seconds apart, without rating, date or other fields.
/// </summary>
public sealed record StepScript(int Kind, int Film, int Jump, int Rating, int Extra);
