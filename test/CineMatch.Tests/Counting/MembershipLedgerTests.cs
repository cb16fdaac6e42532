using CineMatch.Counting;
using CineMatch.Statistics;

namespace CineMatch.Tests.Counting;

public sealed class MembershipLedgerTests
{
    private static EnrichedFilm Film(string key, params string[] genres) =>
        new() { Name = key, FilmKey = key, Genres = genres, Label = new FilmLabel(key, 2000, null) };

    [Fact]
    public void First_film_counts_the_user_once_per_film_and_once_in_the_population()
    {
        var ledger = new MembershipLedger();
        // A genre named twice for one film counts once (CONTRACT section 5).
        var changes = ledger.Reconcile("u1", [Film("alien|1979", "Horror", "Sci-Fi", "Horror"), Film("alien|1979", "Horror")]);

        var film = Assert.Single(changes, change => change.CounterKey == "alien|1979");
        Assert.Equal(1, film.UserDelta);
        Assert.Equal(2, film.EntryDelta);
        Assert.Equal(new Dictionary<string, int> { ["Horror"] = 2, ["Sci-Fi"] = 1 }, film.GenreDeltas);
        var population = Assert.Single(changes, change => CounterKeys.IsUserPopulation(change.CounterKey));
        Assert.Equal(1, population.UserDelta);
        Assert.Equal(changes.Count, ledger.Outbox.Count);
    }

    [Fact]
    public void The_same_holdings_again_produce_no_change()
    {
        var ledger = new MembershipLedger();
        ledger.Reconcile("u1", [Film("a|1"), Film("b|2")]);
        Assert.Empty(ledger.Reconcile("u1", [Film("a|1"), Film("b|2")]));
    }

    [Fact]
    public void Losing_the_last_film_sends_minus_one_to_the_film_and_the_population()
    {
        var ledger = new MembershipLedger();
        ledger.Reconcile("u1", [Film("a|1", "Drama")]);
        var changes = ledger.Reconcile("u1", []);
        Assert.All(changes, change => Assert.Equal(-1, change.UserDelta));
        Assert.Equal(-1, Assert.Single(changes, change => change.CounterKey == "a|1").GenreDeltas["Drama"]);
        Assert.Equal(2, changes.Count);
    }

    [Fact]
    public void Sequences_grow_and_acknowledged_changes_leave_the_outbox()
    {
        var ledger = new MembershipLedger();
        var first = ledger.Reconcile("u1", [Film("a|1")]);
        var second = ledger.Reconcile("u1", [Film("b|1")]);
        Assert.True(first.Max(change => change.Sequence) < second.Min(change => change.Sequence));
        ledger.Acknowledge(first);
        Assert.Equal(second.Select(change => change.Sequence), ledger.Outbox.Select(change => change.Sequence));
    }
}

public sealed class FilmCountTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static MembershipChange Change(string user, long sequence, int delta) =>
        new() { UserId = user, Sequence = sequence, CounterKey = "a|1", UserDelta = delta, EntryDelta = delta, GenreDeltas = new Dictionary<string, int> { ["Drama"] = delta } };

    [Fact]
    public void A_retried_change_is_applied_once()
    {
        var count = new FilmCount();
        Assert.True(count.Apply(Change("u1", 5, 1), Now));
        Assert.False(count.Apply(Change("u1", 5, 1), Now));
        Assert.False(count.Apply(Change("u1", 3, 1), Now));
        Assert.True(count.Apply(Change("u2", 1, 1), Now));
        Assert.Equal(2, count.Users);
        Assert.Equal(2, count.Genres["Drama"]);
        Assert.Equal(2, count.Version);
    }

    [Fact]
    public void Genres_that_fall_to_zero_disappear()
    {
        var count = new FilmCount();
        count.Apply(Change("u1", 1, 1), Now);
        count.Apply(Change("u1", 2, -1), Now);
        Assert.Empty(count.Genres);
        Assert.Equal(0, count.Users);
    }

    [Fact]
    public void Changes_older_than_the_window_are_forgotten_and_newer_ones_remembered()
    {
        var count = new FilmCount();
        count.Apply(Change("old", 1, 1), Now);
        count.Apply(Change("new", 1, 1), Now.AddHours(2));
        count.ForgetChangesBefore(Now.AddHours(1));
        Assert.Equal(["new"], count.RecentChanges.Select(applied => applied.UserId));
        Assert.False(count.Apply(Change("new", 1, 1), Now.AddHours(2)));
    }
}
