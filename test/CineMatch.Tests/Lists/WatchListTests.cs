using CineMatch.Events;
using CineMatch.Lists;
using static CineMatch.Tests.Support.Events;

namespace CineMatch.Tests.Lists;

public sealed class WatchListTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private static WatchList Apply(params MovieEvent[] events)
    {
        var list = new WatchList();
        for (var i = 0; i < events.Length; i++)
        {
            list.Apply(events[i], i, Hour);
        }

        return list;
    }

    private static string[] Names(WatchList list) => [.. list.PresentFilms().Select(film => film.Name)];

    [Fact]
    public void A_later_delete_removes_the_film_and_an_earlier_one_does_not()
    {
        Assert.Empty(Names(Apply(Add("u", "Alien", 1979, T0), Delete("u", "Alien", 1979, T0.AddMinutes(1)))));
        Assert.Equal(["Alien"], Names(Apply(Add("u", "Alien", 1979, T0.AddMinutes(1)), Delete("u", "Alien", 1979, T0))));
    }

    [Fact]
    public void Entries_are_identified_by_name_and_year()
    {
        var list = Apply(Add("u", "King Kong", 1933, T0), Add("u", "King Kong", 2005, T0.AddMinutes(1)), Delete("u", "King Kong", 1933, T0.AddMinutes(2)));
        var film = Assert.Single(list.PresentFilms());
        Assert.Equal(2005, film.Year);
    }

    [Fact]
    public void A_resend_does_not_move_an_entry_but_a_readd_after_delete_does()
    {
        var resent = Apply(
            Add("u", "A", 2000, T0), Add("u", "B", 2000, T0.AddMinutes(1)),
            Make(MovieEventType.Recalculate, "u", T0.AddMinutes(2), new MovieInfo { Name = "A", Year = 2000 }));
        Assert.Equal(["A", "B"], Names(resent));

        var readded = Apply(
            Add("u", "A", 2000, T0), Add("u", "B", 2000, T0.AddMinutes(1)),
            Delete("u", "A", 2000, T0.AddMinutes(2)), Add("u", "A", 2000, T0.AddMinutes(3)));
        Assert.Equal(["B", "A"], Names(readded));
    }

    [Fact]
    public void A_film_deleted_and_added_again_starts_afresh()
    {
        var list = Apply(
            Add("u", "A", 2000, T0, rating: 5, date: "2026-01-01", genres: ["Drama"]),
            Delete("u", "A", 2000, T0.AddMinutes(1)),
            Add("u", "A", 2000, T0.AddMinutes(2)));
        var film = Assert.Single(list.PresentFilms());
        Assert.Null(film.Rating);
        Assert.Null(film.Date);
        Assert.Null(film.Genres);
    }

    [Fact]
    public void A_rating_update_that_arrives_before_its_add_still_wins()
    {
        var list = Apply(Rate("u", "A", 2000, T0.AddMinutes(5), 2), Add("u", "A", 2000, T0, rating: 5));
        Assert.Equal(2, Assert.Single(list.PresentFilms()).Rating);
        Assert.Empty(Names(Apply(Rate("u", "A", 2000, T0, 2))));
    }

    [Fact]
    public void An_older_rating_update_loses_to_a_newer_add()
    {
        var list = Apply(Add("u", "A", 2000, T0, rating: 5), Rate("u", "A", 2000, T0.AddMinutes(-10), 1));
        Assert.Equal(5, Assert.Single(list.PresentFilms()).Rating);
    }

    [Fact]
    public void Rating_updates_fall_back_to_rating_when_new_rating_is_null()
    {
        var list = Apply(
            Add("u", "A", 2000, T0, rating: 5),
            Make(MovieEventType.UpdateRating, "u", T0.AddMinutes(1), new MovieInfo { Name = "A", Year = 2000, Rating = 3 }));
        Assert.Equal(3, Assert.Single(list.PresentFilms()).Rating);
    }

    [Fact]
    public void Equal_times_are_broken_by_log_position()
    {
        var list = new WatchList();
        list.Apply(Add("u", "A", 2000, T0, rating: 1), 2, Hour);
        list.Apply(Add("u", "A", 2000, T0, rating: 4), 1, Hour);
        Assert.Equal(1, Assert.Single(list.PresentFilms()).Rating);
    }

    [Fact]
    public void Events_older_than_the_watermark_are_late_and_not_applied()
    {
        var list = new WatchList();
        Assert.Equal(ApplyOutcome.Applied, list.Apply(Add("u", "A", 2000, T0), 0, Hour));
        Assert.Equal(ApplyOutcome.Late, list.Apply(Add("u", "B", 2000, T0.AddMinutes(-61)), 1, Hour));
        Assert.Equal(ApplyOutcome.Applied, list.Apply(Add("u", "C", 2000, T0.AddMinutes(-59)), 2, Hour));

        // Applied in event-time order: C happened before A, so it stands first in the list.
        Assert.Equal(["C", "A"], Names(list));
    }

    [Fact]
    public void An_unbounded_lateness_makes_nothing_late()
    {
        var list = new WatchList();
        list.Apply(Add("u", "A", 2000, T0), 0, TimeSpan.MaxValue);
        Assert.Equal(ApplyOutcome.Applied, list.Apply(Add("u", "B", 1990, T0.AddYears(-30)), 1, TimeSpan.MaxValue));
        Assert.Null(list.Watermark(TimeSpan.MaxValue));
    }

    [Fact]
    public void Tombstones_older_than_the_watermark_are_purged_and_nothing_else()
    {
        var list = Apply(
            Add("u", "Old", 2000, T0), Delete("u", "Old", 2000, T0.AddMinutes(1)),
            Add("u", "Kept", 2000, T0.AddMinutes(2)),
            Add("u", "Recent", 2000, T0.AddMinutes(70)), Delete("u", "Recent", 2000, T0.AddMinutes(71)),
            Add("u", "Now", 2000, T0.AddMinutes(120)));
        Assert.Equal(1, list.PurgeTombstones(Hour));
        Assert.Equal(["Kept", "Recent", "Now"], list.Entries.Select(entry => entry.Name));
    }

    [Fact]
    public void A_rating_that_came_before_its_add_survives_a_purge_after_the_watermark_passed_it()
    {
        // Regression (issue 13): "Match Point" rated 5 before it was in the list, then a RECALCULATE
        // without a rating. Whether a batch ended in between must not matter.
        Assert.Equal(5, RatingFoundByALaterResend("Match Point", 2005, Rate("u", "Match Point", 2005, T0, 5)));
    }

    [Fact]
    public void A_rating_written_after_a_delete_survives_a_purge_as_if_the_tombstone_had_gone_before_it()
    {
        // Regression (issue 13, found by the batching property): a DELETE, then an UPDATE_RATING, then the watermark
        // passes both, then a RECALCULATE without a rating. Purged one event at a time, the tombstone is gone before
        // the rating comes and the rating waits in a fresh absent entry; purged after one batch, it must wait too.
        Assert.Equal(5, RatingFoundByALaterResend("Amelie", 2001, Delete("u", "Amelie", 2001, T0), Rate("u", "Amelie", 2001, T0.AddMinutes(10), 5)));
    }

    /// <summary>
    /// Applies the events, then an event 90 minutes after the first that moves the watermark past them and a purge
    /// that must keep the film's entry, then a RECALCULATE of the film without a rating; returns the film's rating.
    /// </summary>
    private static int? RatingFoundByALaterResend(string name, int year, params MovieEvent[] events)
    {
        var list = Apply([.. events, Add("u", "Other", 2000, T0.AddMinutes(90))]);
        Assert.Equal(0, list.PurgeTombstones(Hour));
        list.Apply(Make(MovieEventType.Recalculate, "u", T0.AddMinutes(91), new MovieInfo { Name = name, Year = year }), events.Length + 1, Hour);
        return Assert.Single(list.PresentFilms(), film => film.Name == name).Rating;
    }

    [Fact]
    public void A_tombstone_with_nothing_after_its_delete_is_purged_once_the_watermark_passed_it()
    {
        var list = Apply(
            Add("u", "Amelie", 2001, T0, rating: 4),
            Rate("u", "Amelie", 2001, T0.AddMinutes(5), 5),
            Delete("u", "Amelie", 2001, T0.AddMinutes(10)),
            Add("u", "Other", 2000, T0.AddMinutes(90)));
        Assert.Equal(1, list.PurgeTombstones(Hour));
        Assert.DoesNotContain(list.Entries, entry => entry.Name == "Amelie");
    }

    [Fact]
    public void Any_order_and_any_duplication_within_the_watermark_gives_the_same_list()
    {
        var random = new Random(7);
        var films = new[] { ("A", 1990), ("B", 1991), ("C", 1992), ("D", 1993) };
        var events = Enumerable.Range(0, 300).Select(i =>
        {
            var (name, year) = films[random.Next(films.Length)];
            var at = T0.AddSeconds(i * 7).AddTicks(random.Next(10));
            return random.Next(4) switch
            {
                0 => Delete("u", name, year, at),
                1 => Rate("u", name, year, at, random.Next(1, 6)),
                2 => Make(MovieEventType.BulkImport, "u", at, new MovieInfo { Name = name, Year = year, Rating = random.Next(1, 6), Date = "2025-05-05" }),
                _ => Add("u", name, year, at, rating: random.Next(1, 6), date: $"2025-0{random.Next(1, 9)}-01", genres: ["Drama"]),
            };
        }).ToArray();

        var inOrder = Snapshot(Apply(events));
        for (var round = 0; round < 5; round++)
        {
            var shuffled = events.OrderBy(_ => random.Next()).ToArray();
            Assert.Equal(inOrder, Snapshot(Apply(shuffled)));
            Assert.Equal(inOrder, Snapshot(Apply([.. shuffled, .. events])));
        }
    }

    private static string Snapshot(WatchList list) =>
        string.Join("\n", list.PresentFilms().Select(film => $"{film.Name}|{film.Year}|{film.Rating}|{film.Date}|{string.Join(',', film.Genres ?? [])}"));
}
