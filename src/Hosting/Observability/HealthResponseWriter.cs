using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CineMatch.Hosting.Observability;

/// <summary>
/// <c>/health/live</c> and <c>/health/ready</c> as JSON, each check with its status; an unhealthy answer (503) is
/// ProblemDetails with the checks as an extension, like every other error of the gateway.
/// </summary>
public static class HealthResponseWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var checks = report.Entries.ToDictionary(
            entry => entry.Key,
            entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description });
        object body = report.Status == HealthStatus.Healthy
            ? new { status = report.Status.ToString(), checks }
            : new
            {
                type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
                title = "Not ready: " + string.Join(", ", report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => e.Key)),
                status = context.Response.StatusCode,
                checks,
            };
        context.Response.ContentType = report.Status == HealthStatus.Healthy ? "application/json" : "application/problem+json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
