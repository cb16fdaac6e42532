using System.ComponentModel.DataAnnotations;

namespace CineMatch.Hosting.Security;

/// <summary>One API key under <c>Gateway:ApiKeys:&lt;name&gt;</c>: only its SHA-256 is stored, never the key.</summary>
public sealed class ApiKeyEntry
{
    /// <summary><c>:Hash</c>: the SHA-256 of the key's UTF-8 bytes, 64 hex digits (<c>printf %s "$KEY" | sha256sum</c>).</summary>
    [Required(AllowEmptyStrings = false)]
    public string Hash { get; set; } = "";

    /// <summary><c>:Roles</c>: comma-separated, from <see cref="GatewayRoles"/>.</summary>
    public string Roles { get; set; } = "";

    public IReadOnlyList<string> RoleList =>
        Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
