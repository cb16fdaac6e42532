using System.Diagnostics;

namespace CineMatch.Hosting.Observability;

/// <summary>The gateway's own spans (activity source <c>CineMatch.Gateway</c>).</summary>
public static class GatewayTelemetry
{
    public const string SourceName = "CineMatch.Gateway";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>A producer span around writing events to the log, child of the request's span.</summary>
    public static Activity? StartPublish(string destination, int count)
    {
        var activity = Source.StartActivity($"publish {destination}", ActivityKind.Producer);
        activity?.SetTag("messaging.destination.name", destination);
        activity?.SetTag("messaging.batch.message_count", count);
        return activity;
    }
}
