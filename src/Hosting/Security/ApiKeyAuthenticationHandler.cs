using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CineMatch.Hosting.Security;

/// <summary>
/// Reads <c>X-Api-Key</c> and finds the configured key with its hash. Without configured keys, a caller on
/// loopback holds every role (the embedded default, usable without set-up) and anyone else none.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    IOptions<GatewaySecurityOptions> security)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggers, encoder)
{
    public const string SchemeName = "ApiKey";

    public const string HeaderName = "X-Api-Key";

    /// <summary>The identity of a keyless loopback caller when no keys are configured.</summary>
    public const string LoopbackIdentity = "loopback";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var keys = security.Value.ApiKeys;
        if (keys.Count == 0)
        {
            return Task.FromResult(IsLoopback(Context.Connection.RemoteIpAddress)
                ? Success(LoopbackIdentity, GatewayRoles.All)
                : AuthenticateResult.NoResult());
        }

        var presented = Request.Headers[HeaderName].ToString();
        if (presented.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var hash = ApiKeyHasher.Hash(presented);
        foreach (var (name, key) in keys)
        {
            if (ApiKeyHasher.Matches(hash, key.Hash))
            {
                return Task.FromResult(Success(name, key.RoleList));
            }
        }

        // The reason never holds the key: it would end up in a log.
        return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        return Task.CompletedTask;
    }

    private AuthenticateResult Success(string name, IEnumerable<string> roles)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), .. roles.Select(role => new Claim(ClaimTypes.Role, role))],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
