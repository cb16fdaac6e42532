using System.ComponentModel.DataAnnotations;

namespace CineMatch.Hosting.Bootstrap;

/// <summary>The once-only bootstrap of a cluster on a database whose <c>movies</c> already holds lists (CONTRACT 6b). Section <c>Bootstrap</c>.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    /// <summary>Walk every user of <c>movies</c> once at the first start (MongoDB only). On by default.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Users resynced at once; progress is recorded after each group of this many times four.</summary>
    [Range(1, 1024, ErrorMessage = "Bootstrap:Concurrency must be between {1} and {2}")]
    public int Concurrency { get; set; } = 16;
}
