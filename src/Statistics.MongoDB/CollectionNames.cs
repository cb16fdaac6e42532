namespace CineMatch.Statistics.MongoDB;

/// <summary>The collections of <c>cinematch_db</c> that the backend and the dashboard share with us (CONTRACT sections 3-6).</summary>
public static class CollectionNames
{
    public const string UserStats = "user_stats";
    public const string UserAffinities = "user_affinities";
    public const string GlobalStats = "global_stats";
    public const string MovieCounts = "movie_counts";
    public const string DeadLetters = "dead_letters";
    public const string LateEvents = "late_events";
    public const string MoviesCatalog = "movies_catalog";

    /// <summary>The backend's own store of every user's films, read to seed a user that has no grain state yet.</summary>
    public const string Movies = "movies";
}
