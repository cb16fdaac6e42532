namespace CineMatch.Hosting.Observability;

/// <summary>Section <c>Telemetry</c>: where traces and metrics go besides <c>/metrics</c>.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary><c>Telemetry:Otlp:Endpoint</c>, e.g. <c>http://collector:4317</c>; unset: no OTLP export.</summary>
    [ConfigurationKeyName("Otlp:Endpoint")]
    public Uri? OtlpEndpoint { get; set; }
}
