using CineMatch.Documents;
using CineMatch.Statistics;

namespace CineMatch.Tests.Domain;

/// <summary>
/// What a user grain writes to <c>user_affinities</c>: only what changed since the last confirmed write, every
/// document whose count fell to 0 deleted, and nothing forgotten when a write fails.
/// </summary>
public sealed class AffinityLedgerTests
{
    private static UserAffinityDocument Affinity(string type, string name, int count, int sumVoti = 0) => new()
    {
        Id = $"u1_{type}_{AffinityCalculator.NameKey(name)}",
        UserId = "u1",
        Type = type,
        Name = name,
        NameKey = AffinityCalculator.NameKey(name),
        Count = count,
        SumVoti = sumVoti,
    };

    private static readonly UserAffinityDocument Nolan = Affinity("director", "Christopher Nolan", 2, 9);
    private static readonly UserAffinityDocument Hardy = Affinity("actor", "Tom Hardy", 2, 9);
    private static readonly UserAffinityDocument Drama = Affinity("genre", "Drama", 1);

    private static AffinityChanges Written(AffinityLedger ledger, params UserAffinityDocument[] current)
    {
        var changes = ledger.Plan("u1", current);
        ledger.Confirm("u1", changes);
        return changes;
    }

    [Fact]
    public void The_first_write_sends_every_affinity_and_the_same_affinities_again_send_nothing()
    {
        var ledger = new AffinityLedger();

        Assert.Equal([Nolan, Hardy, Drama], Written(ledger, Nolan, Hardy, Drama).Upserts);
        Assert.True(Written(ledger, Nolan, Hardy, Drama).IsEmpty);
    }

    [Fact]
    public void Only_the_affinity_that_changed_is_sent_and_one_whose_count_fell_to_zero_is_deleted()
    {
        var ledger = new AffinityLedger();
        Written(ledger, Nolan, Hardy, Drama);

        var changes = Written(ledger, Nolan with { SumVoti = 7 }, Hardy);

        Assert.Equal([Nolan with { SumVoti = 7 }], changes.Upserts);
        Assert.Equal(["u1_genre_Drama"], changes.DeletedIds);
        Assert.True(Written(ledger, Nolan with { SumVoti = 7 }, Hardy).IsEmpty);
    }

    [Fact]
    public void The_write_time_alone_is_no_change()
    {
        var ledger = new AffinityLedger();
        Written(ledger, Nolan with { UpdatedAt = "2026-01-19T21:04:11+01:00" });

        Assert.True(Written(ledger, Nolan with { UpdatedAt = "2026-01-19T22:00:00+01:00" }).IsEmpty);
    }

    [Fact]
    public void A_write_that_was_never_confirmed_is_sent_again_even_when_the_list_went_back()
    {
        var ledger = new AffinityLedger();
        Written(ledger, Nolan, Drama);

        // Planned (and stored with the state) but the collection never confirmed it: the write failed.
        var failed = ledger.Plan("u1", [Nolan with { Count = 3 }]);
        Assert.False(failed.IntroducesIds);

        // The list is back where it was: the collection may hold either version, so both are written again.
        var retry = Written(ledger, Nolan, Drama);
        Assert.Equal([Nolan, Drama], retry.Upserts);
        Assert.True(Written(ledger, Nolan, Drama).IsEmpty);
    }

    [Fact]
    public void A_deletion_that_was_never_confirmed_is_sent_again()
    {
        var ledger = new AffinityLedger();
        Written(ledger, Nolan, Drama);
        ledger.Plan("u1", [Nolan]);

        Assert.Equal(["u1_genre_Drama"], Written(ledger, Nolan).DeletedIds);
        Assert.Empty(Written(ledger, Nolan).DeletedIds);
    }

    [Fact]
    public void A_new_affinity_is_told_apart_so_that_the_state_learns_its_id_before_the_collection_holds_it()
    {
        var ledger = new AffinityLedger();
        Written(ledger, Nolan);

        Assert.False(ledger.Plan("u1", [Nolan with { Count = 5 }]).IntroducesIds);
        Assert.True(ledger.Plan("u1", [Nolan, Hardy]).IntroducesIds);
    }

    [Fact]
    public void The_hash_sees_every_field_a_reader_sees()
    {
        var hashes = new[]
        {
            Nolan, Nolan with { Count = 3 }, Nolan with { SumVoti = 10 }, Nolan with { Name = "Christopher.Nolan" },
            Nolan with { Type = "actor" }, Nolan with { NameKey = "Christopher__Nolan" },
        }.Select(AffinityLedger.Hash);

        Assert.Equal(6, hashes.Distinct().Count());
        Assert.DoesNotContain(AffinityLedger.Unknown, hashes);
    }
}
