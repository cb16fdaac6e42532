namespace CineMatch.Counting;

/// <summary>Keys of the counter grains.</summary>
public static class CounterKeys
{
    /// <summary>
    /// Counters under this prefix count users with at least one present entry (for <c>total_users</c>),
    /// sharded so that no single grain sees every user. Film keys never start with it: they are an
    /// imdb id or a normalized title, which holds only ASCII letters, digits and spaces.
    /// </summary>
    public const string UserPopulationPrefix = "~users/";

    public const int UserPopulationShards = 16;

    public static bool IsUserPopulation(string counterKey) => counterKey.StartsWith(UserPopulationPrefix, StringComparison.Ordinal);

    public static string UserPopulationShard(string userId)
    {
        // A stable hash (string.GetHashCode is randomized per process).
        uint hash = 2166136261;
        foreach (var c in userId)
        {
            hash = (hash ^ c) * 16777619;
        }

        return UserPopulationPrefix + (hash % UserPopulationShards).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
    }
}
