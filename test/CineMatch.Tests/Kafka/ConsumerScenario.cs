using System.Collections.Concurrent;
using CineMatch.Documents;
using CineMatch.Events;
using CineMatch.Sinks;
using Orleans.Streams;

namespace CineMatch.Tests.Kafka;

/// <summary>One delivered event as the consumer saw it.</summary>
public sealed record Delivered(string UserId, int Partition, long Offset, long TokenSequence, int TokenIndex, string MovieName);

/// <summary>
/// What the consumers of one test see and do, shared by every silo of the test (all in this process):
/// a log of delivered events, and a hook that can hold or fail a delivery.
/// </summary>
public sealed class ConsumerScenario
{
    private readonly object _gate = new();
    private readonly List<Delivered> _delivered = [];

    /// <summary>Runs for every event before its batch counts as applied; throw to fail the delivery, await to hold it.</summary>
    public Func<MovieEvent, Task> BeforeApply { get; set; } = _ => Task.CompletedTask;

    public int Batches { get; private set; }

    public async Task ApplyAsync(string userId, IList<SequentialItem<MovieEvent>> batch)
    {
        foreach (var item in batch)
        {
            await BeforeApply(item.Item);
        }

        lock (_gate)
        {
            Batches++;
            _delivered.AddRange(batch.Select(item => new Delivered(
                userId, item.Item.Position!.Partition, item.Item.Position.Offset, item.Token.SequenceNumber, item.Token.EventIndex, item.Item.Movie.Name)));
        }
    }

    public IReadOnlyList<Delivered> Delivered
    {
        get
        {
            lock (_gate)
            {
                return _delivered.ToList();
            }
        }
    }

    public int DistinctDelivered => Delivered.Select(d => (d.Partition, d.Offset)).Distinct().Count();
}

/// <summary>The dead-letter store of a test; it can be made to fail like a MongoDB that is down.</summary>
public sealed class RecordingDeadLetters : IRejectedEventSink
{
    private readonly ConcurrentQueue<DeadLetter> _letters = new();

    private int _refused;

    public bool Down { get; set; }

    public IReadOnlyList<DeadLetter> Letters => _letters.ToList();

    /// <summary>Dead letters offered while <see cref="Down"/>: proof that something tried to set a record aside.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public Task DeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        if (Down)
        {
            Interlocked.Increment(ref _refused);
            throw new TimeoutException("dead-letter store is down (test)");
        }

        _letters.Enqueue(deadLetter);
        return Task.CompletedTask;
    }

    public Task LateEventAsync(LateEvent lateEvent, CancellationToken cancellationToken) => Task.CompletedTask;
}
