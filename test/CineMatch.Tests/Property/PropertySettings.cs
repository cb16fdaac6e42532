using System.Globalization;

namespace CineMatch.Tests.Property;

/// <summary>
/// Knobs of the property runs, from the environment: <c>CINEMATCH_PROPERTY_SEED</c> replays the seed a failure
/// printed, <c>CINEMATCH_PROPERTY_CASES</c> runs more cases than CI does (e.g. 5000), and
/// <c>CINEMATCH_PROPERTY_REDELIVERIES=1</c> (or <c>0</c>) puts redeliveries into the generated deliveries (or leaves them out).
/// </summary>
public static class PropertySettings
{
    public static string? Seed => Environment.GetEnvironmentVariable("CINEMATCH_PROPERTY_SEED") is { Length: > 0 } seed ? seed : null;

    public static int Cases(int inCi) => Number("CINEMATCH_PROPERTY_CASES") ?? inCi;

    /// <summary>Cases of the Kafka property (a silo each): <c>CINEMATCH_PROPERTY_KAFKA_CASES</c>.</summary>
    public static int KafkaCases(int inCi) => Number("CINEMATCH_PROPERTY_KAFKA_CASES") ?? inCi;

    private const bool RedeliveriesByDefault = true;

    public static bool Redeliveries => Environment.GetEnvironmentVariable("CINEMATCH_PROPERTY_REDELIVERIES") switch
    {
        "1" => true,
        "0" => false,
        _ => RedeliveriesByDefault,
    };

    private static int? Number(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : null;
}
