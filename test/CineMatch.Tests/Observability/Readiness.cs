using System.Net;
using System.Text.Json;
using CineMatch.Tests.Gateway;
using CineMatch.Tests.Support;

namespace CineMatch.Tests.Observability;

/// <summary>Polls <c>/health/ready</c> until it answers as expected, and says what it last saw.</summary>
public static class Readiness
{
    public static async Task<JsonElement> AwaitAsync(GatewayServer server, HttpStatusCode status, string because)
    {
        var last = "";
        var body = default(JsonElement);
        await Eventually.TrueAsync(
            async () =>
            {
                var response = await server.Http.GetAsync("/health/ready");
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                body = JsonDocument.Parse(last[4..]).RootElement;
                return response.StatusCode == status;
            },
            TimeSpan.FromSeconds(45),
            () => $"{because}; last answer: {last}");
        return body;
    }

    public static string CheckStatus(JsonElement body, string check) =>
        body.GetProperty("checks").GetProperty(check).GetProperty("status").GetString()!;
}
