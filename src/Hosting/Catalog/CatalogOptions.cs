using System.ComponentModel.DataAnnotations;

namespace CineMatch.Hosting.Catalog;

/// <summary>How the silo keeps its in-memory catalog.</summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// <summary>A catalog file to use instead of the bundled one (ignored when a MongoDB catalog source is configured).</summary>
    public string? File { get; set; }

    /// <summary>How often to reload from the source; none (or zero): load once at start.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00", ErrorMessage = "Catalog:RefreshInterval must be between {1} and {2}; leave it unset to load the catalog once")]
    public TimeSpan? RefreshInterval { get; set; }
}
