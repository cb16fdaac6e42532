using CineMatch.Catalog;
using CineMatch.Documents;
using CineMatch.Events;
using CineMatch.Grains;
using CineMatch.Hosting.InMemory;
using CineMatch.Statistics;
using CineMatch.Tests.Support;
using static CineMatch.Tests.Support.Events;

namespace CineMatch.Tests.Lists;

/// <summary>
/// CONTRACT section 2: "A redelivered event that the state already reflects is neither applied again nor recorded
/// as late." Found on a real cluster: after a silo was killed, the records read again from the last commit were
/// judged against a watermark that the stored state had already moved past them, and recorded as late by the thousand.
/// </summary>
public sealed class RedeliveryTests
{
    private static readonly TimeSpan Lateness = TimeSpan.FromHours(1);
    private static readonly CatalogIndex Catalog = new(TestCatalog.Films);

    /// <summary>Two hours of one user's events on partition 3: by its end the watermark has passed the first ones.</summary>
    internal static readonly IReadOnlyList<SequencedEvent> Batch =
    [
        At(3, 100, Add("u1", "Alien", 1979, T0, rating: 5)),
        At(3, 101, Add("u1", "Heat", 1995, T0.AddMinutes(30), rating: 4)),
        At(3, 105, Delete("u1", "Alien", 1979, T0.AddMinutes(40))),
        At(3, 107, Add("u1", "King Kong", 2005, T0.AddHours(2), rating: 3)),
    ];

    [Fact]
    public void A_batch_redelivered_after_its_state_was_saved_changes_nothing_and_is_not_late()
    {
        var state = new UserListState();
        state.Apply(Batch, Lateness);
        state.Ledger.Reconcile("u1", Films(state));
        var films = Describe(state);
        var owed = state.Ledger.Outbox.Count;

        var again = state.Apply(Batch, Lateness);

        Assert.Equal((0, 0, 4, false), (again.Applied, again.Late.Count, again.Redelivered, again.ProgressMoved));
        Assert.Equal(films, Describe(state));
        Assert.Empty(state.Ledger.Reconcile("u1", Films(state)));
        Assert.Equal(owed, state.Ledger.Outbox.Count);
    }

    [Fact]
    public void A_redelivery_that_reaches_past_the_saved_state_applies_only_the_new_records()
    {
        var state = new UserListState();
        state.Apply(Batch.Take(2).ToList(), Lateness);

        var rewound = state.Apply(Batch, Lateness);

        Assert.Equal((2, 0, 2, true), (rewound.Applied, rewound.Late.Count, rewound.Redelivered, rewound.ProgressMoved));
        Assert.Equal(["Heat", "King Kong"], Films(state).Select(film => film.Name));
    }

    [Fact]
    public void A_late_only_batch_is_recorded_once_however_often_it_comes()
    {
        var state = new UserListState();
        state.Apply(Batch, Lateness);
        IReadOnlyList<SequencedEvent> late = [At(3, 110, Add("u1", "Amélie", 2001, T0.AddMinutes(5), rating: 2))];

        var first = state.Apply(late, Lateness);
        var again = state.Apply(late, Lateness);

        Assert.Equal(("Amélie", true), (Assert.Single(first.Late).Event.Movie.Name, first.ProgressMoved));
        Assert.Equal((0, 1), (again.Late.Count, again.Redelivered));
    }

    [Fact]
    public void A_record_repeated_inside_one_batch_counts_once_whatever_the_order()
    {
        var state = new UserListState();

        var outcome = state.Apply([Batch[1], Batch[0], Batch[1], Batch[2], Batch[0]], Lateness);

        Assert.Equal((3, 0, 2), (outcome.Applied, outcome.Late.Count, outcome.Redelivered));
    }

    [Fact]
    public void Events_without_a_log_position_are_judged_every_time_as_before()
    {
        var state = new UserListState();
        state.Apply([.. Batch.Select(e => e with { Event = e.Event with { Position = null } })], Lateness);

        var again = state.Apply([new SequencedEvent(Add("u1", "Alien", 1979, T0, rating: 5), 100)], Lateness);

        Assert.Equal((0, 1, 0), (again.Applied, again.Late.Count, again.Redelivered));
    }

    [Fact]
    public async Task The_in_memory_sinks_keep_one_record_per_log_position_as_MongoDB_does()
    {
        var store = new InMemoryStatisticsStore();
        var late = new LateEvent { UserId = "u1", Raw = "{}", Partition = 3, Offset = 110, Reason = "late", Time = "t" };
        var dead = new DeadLetter { Raw = "x", Partition = 3, Offset = 110, Reason = "not JSON", Time = "t" };

        foreach (var _ in Enumerable.Range(0, 3))
        {
            await store.LateEventAsync(late, default);
            await store.DeadLetterAsync(dead, default);
            await store.LateEventAsync(late with { Partition = null, Offset = null }, default);
        }

        await store.LateEventAsync(late with { Partition = 4 }, default);
        Assert.Equal([(3, 110L), (null, null), (null, null), (null, null), (4, 110L)], store.LateEvents.Select(e => (e.Partition, e.Offset)));
        Assert.Single(store.DeadLetters);
    }

    internal static SequencedEvent At(int partition, long offset, MovieEvent movieEvent) =>
        new(movieEvent with { Position = new LogPosition(partition, offset) }, offset);

    private static string Describe(UserListState state) => System.Text.Json.JsonSerializer.Serialize(Films(state));

    private static List<EnrichedFilm> Films(UserListState state) =>
        [.. state.List.PresentFilms().Select(film => FilmEnricher.Enrich(film, Catalog))];
}
