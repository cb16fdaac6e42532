using System.ComponentModel.DataAnnotations;

namespace CineMatch.Hosting.Catalog;

/// <summary>How the silo keeps its in-memory catalog.</summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// <summary>A catalog file to use instead of the bundled one (ignored when a MongoDB catalog source is configured).</summary>
    public string? File { get; set; }

    /// <summary>
    /// How often to reload from the source (CONTRACT section 6b: the backend adds films while the system runs); zero
    /// loads the catalog once at start.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00", ErrorMessage = "Catalog:RefreshInterval must be between {1} and {2}; 0 loads the catalog once")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a film that a lookup in the stored catalog did not find is not looked up again on this silo (MongoDB
    /// mode); the periodic refresh finds it meanwhile should it be added.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Catalog:MissRetention must be between {1} and {2}")]
    public TimeSpan MissRetention { get; set; } = TimeSpan.FromMinutes(5);
}
