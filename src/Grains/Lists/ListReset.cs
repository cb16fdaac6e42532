using CineMatch.Events;

namespace CineMatch.Lists;

/// <summary>
/// A CSV re-upload or a "recalculate" replaces the user's list (CONTRACT section 6b): the backend deletes the user's
/// <c>movies</c>, inserts the new list, then sends one <c>BULK_IMPORT</c> (or <c>RECALCULATE</c>) per film of the new
/// list, in order. When <c>movies</c> is the source of truth, a batch that applied such an event makes the list
/// follow it: present entries that <c>movies</c> no longer holds leave the list, unless an event stamped after the
/// import put them there.
/// </summary>
/// <remarks>
/// <para>What the backend did, in list terms: every film of the old list was deleted when <c>movies</c> was replaced,
/// and every film of the new one added afresh, in CSV order, by its import event. So for each applied import event of a
/// film <c>movies</c> holds, the entry is deleted one tick before that event (after every sequence of that tick) and
/// the event itself adds it back: it takes the new list's place and only the values the new list carries (what it
/// held before the replacement is gone, as in <c>movies</c>). Present entries <c>movies</c> no longer holds are
/// deleted one tick before the LATEST such import event of the batch: the backend replaced <c>movies</c> before it sent
/// that event, so this is the latest moment the batch proves the replacement happened. Not the earliest: a batch
/// holding two uploads would let the first CSV's films, stamped after its first event, survive the newer upload.</para>
/// <para>An event stamped after those stamps wins (CONTRACT: "an event stamped after the import wins"): a film the app
/// added after, or during, the upload is in <c>movies</c> anyway and has no import event, so it is never touched.</para>
/// <para>Why this is exact however the import is batched: <c>movies</c> is read when the batch is processed and may
/// already reflect events not applied yet. A film it holds is only restarted at its own import event, which no batch
/// split moves. A film it lacks whose latest add is older than the removal stamp was dropped either by a replacement
/// before that stamp (removed here, as the backend did) or by something later, a DELETE or a newer upload, whose own
/// events remove it again when applied; removing it early changes no final document. So an import split over several
/// batches and pulls ends as if it came in one, and a duplicate import changes nothing: it restarts its films at the
/// same stamps, and what it would remove is gone already. A redelivered record is skipped before this runs (its effect
/// was written with the state of its first delivery). When <c>movies</c> holds none of the imported films it does not
/// reflect these imports (a log replayed without the backend, or every imported film deleted since): nothing
/// happens, the events stand alone.</para>
/// </remarks>
public static class ListReset
{
    public static bool IsImport(MovieEvent movieEvent) =>
        movieEvent.Type is MovieEventType.BulkImport or MovieEventType.Recalculate;

    /// <summary>
    /// The import events the batch applied: one the state reflected before the batch (<paramref name="reflectedBefore"/>)
    /// was skipped as a redelivery, one that came late was recorded, not applied; neither resets anything.
    /// </summary>
    public static IReadOnlyList<SequencedEvent> AppliedImports(IReadOnlyList<SequencedEvent> batch, LogProgress reflectedBefore, IReadOnlyList<LateArrival> late)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(reflectedBefore);
        ArgumentNullException.ThrowIfNull(late);
        return [.. batch.Where(item => IsImport(item.Event)
            && !reflectedBefore.Reflects(item.Event.Position)
            && !late.Any(arrival => ReferenceEquals(arrival.Event, item.Event)))];
    }

    /// <summary>
    /// Makes the list follow <paramref name="truth"/> (the user's <c>movies</c>, read now) after
    /// <paramref name="imports"/>, as the remarks say; returns how many present entries left because the truth lacks them.
    /// </summary>
    public static int Follow(WatchList list, IReadOnlyList<MovieEvent> truth, IReadOnlyList<SequencedEvent> imports)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(imports);
        var held = truth.Select(stored => (stored.Movie.Name, stored.Movie.Year)).ToHashSet();
        EventStamp? latest = null;
        foreach (var (movieEvent, sequence) in imports.Where(item => held.Contains((item.Event.Movie.Name, item.Event.Movie.Year))))
        {
            var stamp = EventStamp.Of(movieEvent.Timestamp, sequence);
            list.DeleteAt(movieEvent.Movie.Name, movieEvent.Movie.Year, JustBefore(stamp));
            if (latest is not { } known || stamp > known)
            {
                latest = stamp;
            }
        }

        return latest is { } last ? list.DeleteAllBut(held, JustBefore(last)) : 0;
    }

    // One tick earlier, after every sequence of that tick: before the event and before every other event of its tick.
    private static EventStamp JustBefore(EventStamp stamp) => new(stamp.UtcTicks - 1, long.MaxValue);
}
