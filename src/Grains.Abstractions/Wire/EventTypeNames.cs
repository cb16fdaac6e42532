using CineMatch.Events;

namespace CineMatch.Wire;

/// <summary>The wire names of the event types (CONTRACT section 1), in one place for the parser and the writer.</summary>
public static class EventTypeNames
{
    private static readonly Dictionary<MovieEventType, string> Names = new()
    {
        [MovieEventType.Add] = "ADD",
        [MovieEventType.Delete] = "DELETE",
        [MovieEventType.UpdateRating] = "UPDATE_RATING",
        [MovieEventType.BulkImport] = "BULK_IMPORT",
        [MovieEventType.Recalculate] = "RECALCULATE",
    };

    private static readonly Dictionary<string, MovieEventType> Types =
        Names.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase);

    public static string ToWire(MovieEventType type) => Names[type];

    /// <summary>Case-insensitive: "add" and "Add" are ADD.</summary>
    public static bool TryParse(string name, out MovieEventType type) => Types.TryGetValue(name, out type);
}
