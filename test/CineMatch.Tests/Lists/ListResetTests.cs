using CineMatch.Events;
using CineMatch.Grains;
using CineMatch.Lists;
using CineMatch.Statistics;
using static CineMatch.Tests.Support.Events;

namespace CineMatch.Tests.Lists;

/// <summary>
/// A CSV re-upload in MongoDB mode (CONTRACT section 6b): the list follows the user's <c>movies</c>, whatever the
/// batching of the import's events, an event stamped after the import wins, and a repeated import changes nothing.
/// Each batch goes through the steps the user grain takes: apply, then follow <c>movies</c> for the imports applied.
/// </summary>
public sealed class ListResetTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly DateTimeOffset Upload = T0.AddMinutes(30);

    private static MovieEvent Import(string name, int? year, DateTimeOffset at, int? rating) =>
        Make(MovieEventType.BulkImport, "u", at, new MovieInfo { Name = name, Year = year, Rating = rating, Date = "2026-01-20" });

    /// <summary>The backend's <c>movies</c> as the history source gives it.</summary>
    private static MovieEvent Stored(string name, int? year) =>
        Make(MovieEventType.Recalculate, "u", Upload, new MovieInfo { Name = name, Year = year });

    private static readonly MovieEvent[] OldList =
    [
        Add("u", "Alien", 1979, T0, rating: 3, date: "2026-01-01"),
        Add("u", "Heat", 1995, T0.AddMinutes(1), rating: 4, date: "2026-01-02", genres: ["Crime"]),
        Add("u", "Ran", 1985, T0.AddMinutes(2), rating: 5),
    ];

    // The new CSV: Brazil first, then Heat with another rating and no genres; Alien and Ran are gone.
    private static readonly MovieEvent[] NewList =
    [
        Import("Brazil", 1985, Upload, 5),
        Import("Heat", 1995, Upload.AddSeconds(1), 2),
    ];

    private static readonly MovieEvent[] Movies = [Stored("Brazil", 1985), Stored("Heat", 1995)];

    /// <summary>Runs the batches in turn, numbering the records in arrival order as the log would.</summary>
    private static UserListState Run(IReadOnlyList<MovieEvent> truth, params MovieEvent[][] batches)
    {
        var state = new UserListState();
        var offset = 0L;
        foreach (var batch in batches)
        {
            var sequenced = batch.Select(e => new SequencedEvent(e with { Position = new LogPosition(0, offset) }, offset++)).ToList();
            ApplyBatch(state, truth, sequenced);
        }

        return state;
    }

    private static void ApplyBatch(UserListState state, IReadOnlyList<MovieEvent> truth, IReadOnlyList<SequencedEvent> batch)
    {
        var reflected = state.Progress.Copy();
        var outcome = state.Apply(batch, Hour);
        ListReset.Follow(state.List, truth, ListReset.AppliedImports(batch, reflected, outcome.Late));
    }

    // Records compare lists by reference: genres are compared by content.
    private static List<(WatchedFilm Film, string? Genres)> Films(UserListState state) =>
        [.. state.List.PresentFilms().Select(film => (film with { Genres = null }, film.Genres is { } genres ? string.Join("|", genres) : null))];

    /// <summary>The new list's events alone, on an empty list: what the user must end with.</summary>
    private static List<(WatchedFilm Film, string? Genres)> NewListAlone(params MovieEvent[] after) => Films(Run([], [.. NewList, .. after]));

    [Fact]
    public void A_reupload_leaves_exactly_the_new_list_in_its_order_however_its_events_are_batched()
    {
        var expected = NewListAlone();
        Assert.Equal([("Brazil", 5), ("Heat", 2)], expected.Select(film => (film.Film.Name, film.Film.Rating ?? 0)));
        // Heat starts afresh: the genres the old list held are gone with the document the backend deleted.
        Assert.Null(expected[1].Genres);

        Assert.Equal(expected, Films(Run(Movies, OldList, NewList)));
        Assert.Equal(expected, Films(Run(Movies, [.. OldList, .. NewList])));
        Assert.Equal(expected, Films(Run(Movies, OldList, [NewList[0]], [NewList[1]])));
    }

    [Fact]
    public void Events_stamped_after_the_import_win_whether_they_arrive_before_or_after_it()
    {
        var after = new[]
        {
            Add("u", "Kes", 1969, Upload.AddMinutes(5), rating: 4),
            Delete("u", "Heat", 1995, Upload.AddMinutes(6)),
        };
        // movies read when the import is processed already reflects them: Kes inserted, Heat deleted.
        MovieEvent[] movies = [Stored("Brazil", 1985), Stored("Kes", 1969)];
        var expected = NewListAlone(after);
        Assert.Equal(["Brazil", "Kes"], expected.Select(film => film.Film.Name));

        Assert.Equal(expected, Films(Run(movies, OldList, NewList, after)));
        Assert.Equal(expected, Films(Run(movies, OldList, after, NewList)));
        Assert.Equal(expected, Films(Run(movies, OldList, [NewList[0], after[0]], [after[1], NewList[1]])));
    }

    [Fact]
    public void A_repeated_import_changes_nothing_and_a_newer_upload_replaces_an_older_one_in_the_same_batch()
    {
        var once = Films(Run(Movies, OldList, NewList));
        var repeated = NewList.Select(e => e with { }).ToArray();
        Assert.Equal(once, Films(Run(Movies, OldList, NewList, repeated)));
        Assert.Equal(once, Films(Run(Movies, OldList, NewList, [.. Enumerable.Reverse(NewList)])));

        // A first upload (Brazil, Alien, Ran), then this one, all in one batch: the first CSV's films the second lacks
        // do not survive, though they were imported after the first upload's Brazil.
        var first = T0.AddMinutes(10);
        MovieEvent[] firstUpload = [Import("Brazil", 1985, first, 1), Import("Alien", 1979, first.AddSeconds(1), 1), Import("Ran", 1985, first.AddSeconds(2), 1)];
        Assert.Equal(once, Films(Run(Movies, [.. OldList, .. firstUpload, .. NewList])));
    }

    [Fact]
    public void Without_movies_reflecting_the_import_the_events_stand_alone()
    {
        var expected = Films(Run([], [.. OldList, .. NewList]));
        Assert.Equal(["Alien", "Brazil", "Heat", "Ran"], expected.Select(film => film.Film.Name).Order());

        // movies holds the user's films, but none of those imported: it does not reflect this import.
        Assert.Equal(expected, Films(Run([Stored("Kes", 1969)], OldList, NewList)));
    }

    [Fact]
    public void A_redelivered_or_late_import_resets_nothing()
    {
        var reflected = new LogProgress();
        reflected.Advance(new LogPosition(0, 5));
        var redelivered = new SequencedEvent(NewList[0] with { Position = new LogPosition(0, 5) }, 5);
        var late = new SequencedEvent(NewList[1] with { Position = new LogPosition(0, 6) }, 6);
        var fresh = new SequencedEvent(NewList[1] with { Position = new LogPosition(0, 7) }, 7);
        var add = new SequencedEvent(OldList[0] with { Position = new LogPosition(0, 8) }, 8);

        var applied = ListReset.AppliedImports([redelivered, late, fresh, add], reflected, [new LateArrival(late.Event, T0)]);

        Assert.Equal([fresh], applied);
    }
}
