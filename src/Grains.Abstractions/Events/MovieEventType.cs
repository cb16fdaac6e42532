namespace CineMatch.Events;

/// <summary>The five event types the FastAPI backend publishes (CONTRACT section 1).</summary>
public enum MovieEventType
{
    Add,
    Delete,
    UpdateRating,
    BulkImport,
    Recalculate,
}
