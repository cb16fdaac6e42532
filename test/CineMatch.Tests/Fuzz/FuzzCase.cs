using System.Text;
using System.Text.Json;

namespace CineMatch.Tests.Fuzz;

/// <summary>One record of a fuzz log: the bytes sent, what the contract says about them, and how they were made.</summary>
/// <param name="Field">The field a refusal must name (its path, e.g. <c>movie.rating</c>), when one field is to blame.</param>
public sealed record FuzzCase(byte[] Value, FuzzExpectation Expected, string Mutation, string? Field = null)
{
    private const int PreviewLength = 160;

    /// <summary>The record key as the backend sets it: the user_id when the value has a readable one, else none.</summary>
    public byte[]? Key { get; } = UserIdOf(Value);

    /// <summary>One line for a failure message: what was done and how the bytes start.</summary>
    public string Describe()
    {
        var text = Encoding.UTF8.GetString(Value);
        var preview = text.Length <= PreviewLength ? text : text[..PreviewLength] + $"... ({Value.Length} bytes)";
        var escaped = new StringBuilder();
        foreach (var c in preview)
        {
            escaped.Append(char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return $"{Mutation} [{Expected}{(Field is null ? "" : ", field " + Field)}]: {escaped}";
    }

    /// <summary>The bytes after a leading UTF-8 byte order mark, as the gateway and the log read them.</summary>
    public static byte[] WithoutByteOrderMark(byte[] value) => value.AsSpan().StartsWith((byte[])[0xEF, 0xBB, 0xBF]) ? value[3..] : value;

    private static byte[]? UserIdOf(byte[] value)
    {
        try
        {
            // A byte order mark does not hide the user: the log's reader skips it too.
            using var document = JsonDocument.Parse(WithoutByteOrderMark(value));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("user_id", out var userId)
                && userId.ValueKind == JsonValueKind.String
                ? Encoding.UTF8.GetBytes(userId.GetString()!)
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
