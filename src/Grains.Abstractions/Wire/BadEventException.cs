namespace CineMatch.Wire;

/// <summary>A field of an event that cannot be used; the message names the field.</summary>
internal sealed class BadEventException(string reason) : Exception(reason);
