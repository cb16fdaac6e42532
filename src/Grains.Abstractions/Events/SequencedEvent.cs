namespace CineMatch.Events;

/// <summary>
/// An event with its position in the user's log. The sequence breaks ties between equal timestamps
/// (CONTRACT section 2); redelivery of the same record carries the same sequence.
/// </summary>
[GenerateSerializer, Immutable, Alias("cinematch.SequencedEvent")]
public sealed record SequencedEvent([property: Id(0)] MovieEvent Event, [property: Id(1)] long Sequence);
