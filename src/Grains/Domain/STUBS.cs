using System.Text.Json;
using CineMatch.Catalog;
using CineMatch.Counting;
using CineMatch.Documents;
using CineMatch.Events;

namespace CineMatch.Domain;

// Signatures agreed between the grains and the domain; bodies are being written.

/// <summary>The outcome of parsing one record: an event, or the reason it is a bad event.</summary>
public sealed record EventParseResult(MovieEvent? Event, string? Error)
{
    public bool IsValid => Event is not null;
}

public static class EventParser
{
    public static EventParseResult Parse(ReadOnlySpan<byte> utf8Json) => throw new NotImplementedException();

    public static EventParseResult Parse(string json) => throw new NotImplementedException();

    public static EventParseResult Parse(JsonElement element) => throw new NotImplementedException();
}

public static class EventJson
{
    /// <summary>The event in the contract's JSON shape (snake_case, as the backend writes it).</summary>
    public static string Serialize(MovieEvent movieEvent) => throw new NotImplementedException();
}

public sealed class CatalogIndex : IMovieCatalog
{
    public CatalogIndex(IEnumerable<CatalogMovie> movies) => throw new NotImplementedException();

    public int Count => throw new NotImplementedException();

    public CatalogMovie? Match(string name, int? year, string? imdbId) => throw new NotImplementedException();
}

public static class FilmEnricher
{
    public static EnrichedFilm Enrich(WatchedFilm film, IMovieCatalog catalog) => throw new NotImplementedException();
}

public static class UserStatsCalculator
{
    /// <summary>The user's document over the present entries in list order; null when there are none.</summary>
    public static UserStatsDocument? Compute(string userId, IReadOnlyList<EnrichedFilm> filmsInListOrder, DateTimeOffset now, string source)
        => throw new NotImplementedException();
}

public static class TrendsCalculator
{
    /// <summary>The global_trends document from every counter's latest tally (film and user-population counters).</summary>
    public static GlobalStatsDocument Build(IEnumerable<CounterTally> tallies, DateTimeOffset now, string source)
        => throw new NotImplementedException();

    public static MovieCountDocument ToMovieCount(CounterTally filmTally, DateTimeOffset now) => throw new NotImplementedException();
}

public static class DocumentJson
{
    /// <summary>snake_case names, nulls written, as the documents are stored.</summary>
    public static JsonSerializerOptions Options => throw new NotImplementedException();

    public static string Format(DateTimeOffset time) => throw new NotImplementedException();
}
