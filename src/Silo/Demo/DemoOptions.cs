using System.ComponentModel.DataAnnotations;

namespace CineMatch.Silo.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    [Range(1, 10_000_000, ErrorMessage = "Demo:Users must be between {1} and {2}")]
    public int Users { get; set; } = 3000;

    [Range(1, 1_000_000, ErrorMessage = "Demo:EventsPerSecond must be between {1} and {2}")]
    public int EventsPerSecond { get; set; } = 400;

    /// <summary>Zipf exponent of film popularity: higher makes the head of the Top 10 steadier.</summary>
    [Range(0.0, 10.0, ErrorMessage = "Demo:Skew must be between {1} and {2} (0: every film as popular)")]
    public double Skew { get; set; } = 1.1;

    public int Seed { get; set; } = 42;
}
