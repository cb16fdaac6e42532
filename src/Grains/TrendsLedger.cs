namespace CineMatch.Grains;

/// <summary>The counters the trends grain has heard of; their figures are rebuilt from the counters themselves.</summary>
[GenerateSerializer, Alias("cinematch.TrendsLedger")]
public sealed class TrendsLedger
{
    [Id(0)] public List<string> KnownCounters { get; set; } = [];
}
