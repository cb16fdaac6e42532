using CineMatch.Hosting.Gateway.Admin;
using CineMatch.Hosting.Observability;
using CineMatch.Hosting.Security;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

namespace CineMatch.Hosting.Gateway;

public static class GatewayApplicationExtensions
{
    /// <summary>
    /// The gateway's pipeline and endpoints: every error as ProblemDetails, keys and rate limits, the public and
    /// admin endpoints, <c>/health/live</c>, <c>/health/ready</c>, <c>/metrics</c>, <c>/openapi/v1.json</c> and the
    /// reference page at <c>/scalar</c> (its assets are inside the package: no CDN).
    /// </summary>
    public static WebApplication UseCineMatchGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        // Responses that end with an error status and no body (401, 403, 404 of unknown routes, 405, 429) get ProblemDetails.
        app.UseStatusCodePages();
        app.UseCineMatchGatewaySecurity();
        app.MapCineMatchGateway();
        app.MapCineMatchAdmin();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(GatewayServiceCollectionExtensions.ReadyTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        app.MapPrometheusScrapingEndpoint();
        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }
}
