using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace CineMatch.Hosting.Security;

public static partial class GatewaySecurityExtensions
{
    /// <summary>API keys, one policy per role, a rate limit per key, and the request size limit.</summary>
    public static IServiceCollection AddCineMatchGatewaySecurity(this IServiceCollection services)
    {
        services.AddOptions<GatewaySecurityOptions>().BindConfiguration(GatewaySecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(GatewayRoles.Ingest, policy => policy.RequireRole(GatewayRoles.Ingest))
            .AddPolicy(GatewayRoles.Admin, policy => policy.RequireRole(GatewayRoles.Admin));
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<GatewaySecurityOptions>>((limiter, security) =>
        {
            var permits = security.Value.RateLimitPermits;
            var window = TimeSpan.FromSeconds(security.Value.RateLimitWindowSeconds);
            // Per key: one client cannot starve the others. Keyless requests (public reads, the loopback default) are not limited.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.User.Identity is { IsAuthenticated: true, Name: { } name } && name != ApiKeyAuthenticationHandler.LoopbackIdentity
                    ? RateLimitPartition.GetFixedWindowLimiter(name, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(""));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) =>
            {
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                // The status code pages middleware turns the empty 429 into ProblemDetails.
                return ValueTask.CompletedTask;
            };
        });
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<GatewaySecurityOptions>>((kestrel, security) =>
            kestrel.Limits.MaxRequestBodySize = security.Value.MaxRequestBodyBytes);
        return services;
    }

    /// <summary>Authentication, authorization and the rate limiter, in that order (the limiter partitions by the authenticated key).</summary>
    public static IApplicationBuilder UseCineMatchGatewaySecurity(this IApplicationBuilder app)
    {
        var security = app.ApplicationServices.GetRequiredService<IOptions<GatewaySecurityOptions>>().Value;
        if (!security.KeysConfigured)
        {
            LogOpenOnLoopback(app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GatewaySecurityExtensions)));
        }

        return app.UseAuthentication().UseAuthorization().UseRateLimiter();
    }

    [LoggerMessage(EventId = 5500, Level = LogLevel.Warning, Message = "No API keys configured (Gateway:ApiKeys): POST /events, /admin and /dashboard are open to loopback callers only, and closed to everyone else.")]
    private static partial void LogOpenOnLoopback(ILogger logger);
}
