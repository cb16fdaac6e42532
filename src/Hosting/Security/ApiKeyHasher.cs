using System.Security.Cryptography;
using System.Text;

namespace CineMatch.Hosting.Security;

/// <summary>How a key is stored: SHA-256 of its UTF-8 bytes as lowercase hex, the same as <c>printf %s "$KEY" | sha256sum</c>.</summary>
public static class ApiKeyHasher
{
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool IsHash(string? text) =>
        text is { Length: 64 } && text.All(Uri.IsHexDigit);

    /// <summary>Compares in constant time, so the answer's timing tells nothing about how much of a hash matched.</summary>
    public static bool Matches(string presentedHash, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presentedHash), Encoding.ASCII.GetBytes(storedHash.ToLowerInvariant()));
}
