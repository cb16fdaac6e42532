using CineMatch.Documents;

namespace CineMatch.Sinks;

/// <summary>The <c>dead_letters</c> and <c>late_events</c> collections: input that was kept aside, never dropped.</summary>
public interface IRejectedEventSink
{
    Task DeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken);

    Task LateEventAsync(LateEvent lateEvent, CancellationToken cancellationToken);
}
