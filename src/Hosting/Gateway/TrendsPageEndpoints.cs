using System.Runtime.CompilerServices;
using System.Text.Json;
using CineMatch.Documents;
using CineMatch.Wire;

namespace CineMatch.Hosting.Gateway;

/// <summary>
/// The live trends page at <c>/</c> for a person to look at, and the server-sent events that keep it current
/// (<c>GET /trends/stream</c>). The page's files are embedded in this assembly, so the silo and the gateway
/// alone both serve them without a web root; nothing is fetched from elsewhere at run time.
/// </summary>
public static class TrendsPageEndpoints
{
    public const string StreamPath = "/trends/stream";

    /// <summary>The name of the events on the stream; each carries the whole picture, so a reconnecting page misses nothing.</summary>
    public const string UpdateEventName = "trends";

    /// <summary>How often the stream looks at the trends: a change reaches the page within about this long.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Without a change the last picture is sent again this often, so that proxies keep the connection open.</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    // Path on the server -> (embedded resource, media type).
    private static readonly (string Path, string Resource, string MediaType)[] Files =
    [
        ("/", "index.html", "text/html; charset=utf-8"),
        ("/trends/page/trends.js", "trends.js", "text/javascript; charset=utf-8"),
        ("/trends/page/trends.css", "trends.css", "text/css; charset=utf-8"),
    ];

    public static IEndpointRouteBuilder MapTrendsPage(this IEndpointRouteBuilder routes)
    {
        foreach (var (path, resource, mediaType) in Files)
        {
            var content = ReadResource(resource);
            routes.MapGet(path, () => Results.Bytes(content, mediaType)).ExcludeFromDescription();
        }

        var flushes = new LastTrendsFlush(routes.ServiceProvider);
        routes.MapGet(StreamPath, (IGrainFactory grains, CancellationToken cancellationToken) =>
                Results.ServerSentEvents(UpdatesAsync(grains, flushes, cancellationToken), UpdateEventName))
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return routes;
    }

    /// <summary>The trends at once, then whenever they or the time of the last flush change.</summary>
    private static async IAsyncEnumerable<string> UpdatesAsync(IGrainFactory grains, LastTrendsFlush flushes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? sent = null;
        var quietSince = DateTimeOffset.UtcNow;
        using var timer = new PeriodicTimer(PollInterval);
        do
        {
            var trends = await grains.GetGrain<IGlobalTrendsGrain>(0).GetSnapshotAsync();
            var lastFlush = await flushes.ReadAsync(cancellationToken);
            // The snapshot's updated_at is "now" each time: it is no change.
            var state = JsonSerializer.Serialize(trends with { UpdatedAt = "" }, DocumentJson.Options) + lastFlush;
            if (state != sent || DateTimeOffset.UtcNow - quietSince >= KeepAliveInterval)
            {
                sent = state;
                quietSince = DateTimeOffset.UtcNow;
                yield return JsonSerializer.Serialize(new TrendsPageUpdate(trends, lastFlush), DocumentJson.Options);
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    private static byte[] ReadResource(string name)
    {
        using var stream = typeof(TrendsPageEndpoints).Assembly.GetManifestResourceStream("CineMatch.TrendsPage." + name)
            ?? throw new InvalidOperationException($"the trends page's {name} is not embedded in {typeof(TrendsPageEndpoints).Assembly.GetName().Name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>One event of the stream: the live trends and when they were last written.</summary>
    private sealed record TrendsPageUpdate(GlobalStatsDocument Trends, string? LastFlushAt);
}
