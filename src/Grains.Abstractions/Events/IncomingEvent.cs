namespace CineMatch.Events;

/// <summary>An event accepted by the gateway: parsed and validated, with the JSON text it arrived as.</summary>
public sealed record IncomingEvent(MovieEvent Event, string RawJson);
