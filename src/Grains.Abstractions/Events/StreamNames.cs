namespace CineMatch.Events;

/// <summary>Stream names shared by producers and consumers.</summary>
public static class StreamNames
{
    /// <summary>The Kafka topic and the Orleans stream namespace: one stream per <c>user_id</c>.</summary>
    public const string UserMovieEvents = "user-movie-events";

    /// <summary>The Orleans stream provider name used by silos and clients.</summary>
    public const string Provider = "user-movie-events";
}
