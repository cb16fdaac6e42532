using System.Collections.Concurrent;
using CineMatch.Documents;
using CineMatch.Hosting.InMemory;
using CineMatch.Wire;

namespace CineMatch.Hosting.Gateway.Admin;

/// <summary>
/// The embedded default's dead letters and late events, read from the in-memory store. A record from the log
/// has the id of its position (<c>partition:offset</c>, as in MongoDB); one without has its place in the store.
/// </summary>
public sealed class InMemoryRejectedEventStore(InMemoryStatisticsStore store) : IRejectedEventStore
{
    private readonly ConcurrentDictionary<string, string> _replayedAt = new(StringComparer.Ordinal);

    public Task<RecordPage<StoredDeadLetter>> GetDeadLettersAsync(int page, int size, CancellationToken cancellationToken) =>
        Task.FromResult(PageOf(DeadLetters().ToList(), page, size));

    public Task<RecordPage<StoredLateEvent>> GetLateEventsAsync(int page, int size, CancellationToken cancellationToken) =>
        Task.FromResult(PageOf(
            store.LateEvents.Select((late, index) => new StoredLateEvent(IdOf(late.Partition, late.Offset, index), late.UserId, late.Raw, late.Partition, late.Offset, late.Reason, late.Time)).ToList(),
            page,
            size));

    public Task<StoredDeadLetter?> FindDeadLetterAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(DeadLetters().FirstOrDefault(letter => letter.Id == id));

    public Task<bool> TryMarkReplayedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        Task.FromResult(_replayedAt.TryAdd(id, DocumentJson.Format(at)));

    public Task UnmarkReplayedAsync(string id, CancellationToken cancellationToken)
    {
        _replayedAt.TryRemove(id, out _);
        return Task.CompletedTask;
    }

    private IEnumerable<StoredDeadLetter> DeadLetters() =>
        store.DeadLetters.Select((DeadLetter letter, int index) =>
        {
            var id = IdOf(letter.Partition, letter.Offset, index);
            return new StoredDeadLetter(id, letter.Raw, letter.Partition, letter.Offset, letter.Reason, letter.Time, _replayedAt.GetValueOrDefault(id));
        });

    private static string IdOf(int? partition, long? offset, int index) =>
        partition is { } p && offset is { } o ? $"{p}:{o}" : $"local-{index}";

    private static RecordPage<T> PageOf<T>(IReadOnlyList<T> all, int page, int size) =>
        new(page, size, all.Count, [.. all.Skip((page - 1) * size).Take(size)]);
}
