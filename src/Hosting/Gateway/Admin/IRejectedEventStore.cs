namespace CineMatch.Hosting.Gateway.Admin;

/// <summary>What the admin endpoints read from <c>dead_letters</c> and <c>late_events</c>, and how a replay is recorded.</summary>
public interface IRejectedEventStore
{
    Task<RecordPage<StoredDeadLetter>> GetDeadLettersAsync(int page, int size, CancellationToken cancellationToken);

    Task<RecordPage<StoredLateEvent>> GetLateEventsAsync(int page, int size, CancellationToken cancellationToken);

    Task<StoredDeadLetter?> FindDeadLetterAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the dead letter replayed at <paramref name="at"/> unless it already is; true when this call marked it.
    /// The mark is taken before publishing, so two concurrent replays publish once.
    /// </summary>
    Task<bool> TryMarkReplayedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Takes the mark back: the publish after it failed, so a later replay must be able to try again.</summary>
    Task UnmarkReplayedAsync(string id, CancellationToken cancellationToken);
}
