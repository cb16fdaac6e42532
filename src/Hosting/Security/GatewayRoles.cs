namespace CineMatch.Hosting.Security;

/// <summary>The roles an API key can hold; each is also the name of the authorization policy that requires it.</summary>
public static class GatewayRoles
{
    /// <summary>May post events (<c>POST /events</c>).</summary>
    public const string Ingest = "ingest";

    /// <summary>May call <c>/admin/*</c> and open the Orleans Dashboard.</summary>
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Ingest, Admin];
}
