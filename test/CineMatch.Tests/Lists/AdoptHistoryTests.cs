using CineMatch.Events;
using CineMatch.Lists;
using static CineMatch.Tests.Support.Events;

namespace CineMatch.Tests.Lists;

/// <summary>
/// A list made to follow the backend's <c>movies</c> (CONTRACT section 6b): what reconcile and the bootstrap
/// adopt, and what a CSV re-upload (BULK_IMPORT) removes.
/// </summary>
public sealed class AdoptHistoryTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private const long HistorySequence = long.MinValue / 2;

    private static WatchList Apply(params MovieEvent[] events)
    {
        var list = new WatchList();
        for (var i = 0; i < events.Length; i++)
        {
            list.Apply(events[i], i, Hour);
        }

        return list;
    }

    /// <summary>A stored film as the history source gives it: RECALCULATE stamped with its added_at.</summary>
    private static MovieEvent Stored(string name, int? year, DateTimeOffset addedAt, int? rating = null) =>
        Make(MovieEventType.Recalculate, "u", addedAt, new MovieInfo { Name = name, Year = year, Rating = rating });

    private static (string Name, int? Rating)[] Films(WatchList list) => [.. list.PresentFilms().Select(film => (film.Name, film.Rating))];

    [Fact]
    public void The_list_becomes_the_truth_in_its_order_with_its_values_a_lost_add_a_lost_delete_and_a_lost_rating_repaired()
    {
        var list = Apply(
            Add("u", "Alien", 1979, T0, rating: 3),
            Add("u", "Heat", 1995, T0.AddMinutes(1), rating: 4),
            Add("u", "Ran", 1985, T0.AddMinutes(2), rating: 5));

        // movies: Heat's rating changed to 2 (its event lost), Ran deleted (its event lost), Brazil added first (its event lost).
        list.Adopt(
            [Stored("Brazil", 1985, T0.AddMinutes(-1), 5), Stored("Alien", 1979, T0, 3), Stored("Heat", 1995, T0.AddMinutes(1), 2)],
            HistorySequence,
            EventStamp.Of(T0.AddMinutes(10), long.MaxValue));

        Assert.Equal([("Brazil", 5), ("Alien", 3), ("Heat", 2)], Films(list));
    }

    [Fact]
    public void An_event_stamped_after_the_truth_was_read_still_wins_and_an_older_one_loses()
    {
        var list = Apply(Add("u", "Alien", 1979, T0, rating: 3), Add("u", "Heat", 1995, T0));
        var asOf = T0.AddMinutes(10);
        list.Adopt([Stored("Alien", 1979, T0, 4)], HistorySequence, EventStamp.Of(asOf, long.MaxValue));

        // Older than the truth that was read, which already reflects them.
        list.Apply(Rate("u", "Alien", 1979, asOf.AddMinutes(-1), 1), 100, Hour);
        list.Apply(Add("u", "Heat", 1995, asOf.AddMinutes(-1)), 101, Hour);
        Assert.Equal([("Alien", 4)], Films(list));

        list.Apply(Rate("u", "Alien", 1979, asOf.AddMinutes(1), 2), 102, Hour);
        list.Apply(Add("u", "Heat", 1995, asOf.AddMinutes(1)), 103, Hour);
        Assert.Equal([("Alien", 2), ("Heat", null)], Films(list));
    }

    [Fact]
    public void Adopting_the_same_truth_twice_changes_nothing()
    {
        var truth = new[] { Stored("Alien", 1979, T0, 3), Stored("Heat", 1995, T0.AddMinutes(1), null) };
        var list = Apply(Add("u", "Ran", 1985, T0));
        list.Adopt(truth, HistorySequence, EventStamp.Of(T0.AddMinutes(5), long.MaxValue));
        var once = Films(list);

        list.Adopt(truth, HistorySequence, EventStamp.Of(T0.AddMinutes(6), long.MaxValue));

        Assert.Equal(once, Films(list));
        Assert.Equal([("Alien", 3), ("Heat", null)], once);
    }

    [Fact]
    public void Delete_all_but_the_new_list_removes_the_rest_unless_a_later_event_put_it_there()
    {
        var import = T0.AddMinutes(5);
        var list = Apply(
            Add("u", "Alien", 1979, T0),
            Add("u", "Heat", 1995, T0.AddMinutes(1)),
            Add("u", "Ran", 1985, import.AddMinutes(1))); // added in the app after the upload

        var left = list.DeleteAllBut(new HashSet<(string, int?)> { ("Heat", 1995) }, EventStamp.Of(import, 0));

        Assert.Equal(1, left);
        Assert.Equal(["Heat", "Ran"], Films(list).Select(film => film.Name));
    }
}
