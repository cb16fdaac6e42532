using System.ComponentModel.DataAnnotations;

namespace CineMatch.Hosting.Security;

/// <summary>Who may call the gateway, and how often (section <c>Gateway</c>).</summary>
public sealed class GatewaySecurityOptions : IValidatableObject
{
    public const string Section = "Gateway";

    /// <summary>
    /// <c>Gateway:ApiKeys:&lt;name&gt;</c>. None configured: ingest and admin are open to loopback callers only
    /// (the embedded default), and a warning says so at start.
    /// </summary>
    public Dictionary<string, ApiKeyEntry> ApiKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary><c>Gateway:RateLimit:PermitLimit</c>: requests one key may make per window.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Gateway:RateLimit:PermitLimit must be at least {1}")]
    [ConfigurationKeyName("RateLimit:PermitLimit")]
    public int RateLimitPermits { get; set; } = 600;

    /// <summary><c>Gateway:RateLimit:WindowSeconds</c>.</summary>
    [Range(1, 3600, ErrorMessage = "Gateway:RateLimit:WindowSeconds must be between {1} and {2}")]
    [ConfigurationKeyName("RateLimit:WindowSeconds")]
    public int RateLimitWindowSeconds { get; set; } = 1;

    /// <summary>
    /// <c>Gateway:MaxRequestBodyBytes</c>: a larger body is refused with 413 before it is read. An event may take
    /// up to a megabyte as a record, so the default leaves room for a batch of several.
    /// </summary>
    [Range(1024, 1L << 30, ErrorMessage = "Gateway:MaxRequestBodyBytes must be between {1} and {2}")]
    [ConfigurationKeyName("MaxRequestBodyBytes")]
    public long MaxRequestBodyBytes { get; set; } = 8 * 1024 * 1024;

    public bool KeysConfigured => ApiKeys.Count > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, key) in ApiKeys)
        {
            if (!ApiKeyHasher.IsHash(key.Hash))
            {
                yield return new ValidationResult($"Gateway:ApiKeys:{name}:Hash must be the key's SHA-256 as 64 hex digits", [nameof(ApiKeys)]);
            }

            foreach (var role in key.RoleList.Where(role => !GatewayRoles.All.Contains(role)))
            {
                yield return new ValidationResult($"Gateway:ApiKeys:{name}:Roles holds '{role}'; known roles: {string.Join(", ", GatewayRoles.All)}", [nameof(ApiKeys)]);
            }
        }
    }
}
