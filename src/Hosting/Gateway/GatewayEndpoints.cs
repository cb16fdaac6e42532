using System.Text;
using System.Text.Json;
using CineMatch.Catalog;
using CineMatch.Documents;
using CineMatch.Events;
using CineMatch.Hosting.Security;
using CineMatch.Wire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CineMatch.Hosting.Gateway;

/// <summary>The REST surface of the gateway, the same whether it runs inside a silo or as an Orleans client.</summary>
public static partial class GatewayEndpoints
{
    /// <summary>
    /// The largest record the log takes: librdkafka refuses one above its <c>message.max.bytes</c> (1,000,000 by
    /// default), and the publisher cannot tell that refusal from an unreachable broker, so a larger event got
    /// 503 "retry later" for ever. Refused here with 400, the client learns that retrying will not help.
    /// </summary>
    public const int MaxRecordBytes = 1_000_000;

    // The record's framing (lengths, attributes, timestamp) besides the key and the value.
    private const int RecordOverheadBytes = 512;

    // One level more than the log's reader allows, for the array around a batch: each item is then judged on its own record.
    private static readonly JsonDocumentOptions BodyOptions = new() { MaxDepth = 65 };

    public static IEndpointRouteBuilder MapCineMatchGateway(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/events", PostEventsAsync)
            .RequireAuthorization(GatewayRoles.Ingest)
            .Accepts<JsonElement>("application/json")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Post one event or an array of them (role ingest)");
        routes.MapGet("/user-stats/{userId}", GetUserStatsAsync)
            .Produces<UserStatsDocument>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A user's user_stats document");
        routes.MapGet("/trends/global", GetGlobalTrendsAsync)
            .Produces<GlobalStatsDocument>()
            .WithSummary("The global_stats document as it would be written now");
        routes.MapGet("/health", GetHealth).WithSummary("Always 200 with the event log and the catalog size (see /health/ready)");
        routes.MapSupportReads();
        routes.MapTrendsPage();
        return routes;
    }

    /// <summary>
    /// Accepts one event or an array of them. An array is accepted or refused whole: a client that
    /// sees 400 knows that nothing of it was stored and which items to fix.
    /// </summary>
    private static async Task<IResult> PostEventsAsync(HttpRequest request, IEventPublisher publisher, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            await request.Body.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
        }

        // The same reading as the log's (EventParser): a byte order mark is skipped, bytes that are not UTF-8 are refused.
        var json = bytes.AsMemory(bytes.Length - EventParser.SkipByteOrderMark(bytes).Length);
        if (EventParser.NotUtf8Reason(json.Span) is { } notUtf8)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not UTF-8 JSON", detail: notUtf8);
        }

        JsonDocument body;
        try
        {
            body = JsonDocument.Parse(json, BodyOptions);
        }
        catch (JsonException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not JSON", detail: ex.Message);
        }

        using (body)
        {
            var (events, errors) = Validate(body.RootElement);
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors, title: "Some events are invalid; none was accepted");
            }

            try
            {
                await publisher.PublishAsync(events, cancellationToken);
            }
            catch (EventLogUnavailableException ex)
            {
                LogEventLogUnavailable(loggers.CreateLogger(typeof(GatewayEndpoints)), ex, events.Count);
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The event log is unavailable; retry later", detail: ex.Message);
            }

            return Results.Accepted(value: new { accepted = events.Count });
        }
    }

    private static (List<IncomingEvent> Events, Dictionary<string, string[]> Errors) Validate(JsonElement root)
    {
        var events = new List<IncomingEvent>();
        var errors = new Dictionary<string, string[]>();
        if (root.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in root.EnumerateArray())
            {
                Take(item, $"[{index++}]");
            }

            if (index == 0)
            {
                errors.Add("body", ["an empty array holds no event"]);
            }
        }
        else
        {
            Take(root, "event");
        }

        return (events, errors);

        void Take(JsonElement item, string name)
        {
            // Judged as the record the log will hold, so that the gateway accepts exactly what the log's reader applies.
            var raw = item.GetRawText();
            var result = EventParser.Parse(Encoding.UTF8.GetBytes(raw));
            if (result.Event is { } parsed)
            {
                var size = Encoding.UTF8.GetByteCount(raw) + Encoding.UTF8.GetByteCount(parsed.UserId) + RecordOverheadBytes;
                if (size > MaxRecordBytes)
                {
                    errors.Add(name, [$"the event takes {size} bytes as a record; the event log takes at most {MaxRecordBytes}"]);
                    return;
                }

                events.Add(new IncomingEvent(parsed, raw));
            }
            else
            {
                errors.Add(name, [result.Error ?? "invalid event"]);
            }
        }
    }

    private static async Task<IResult> GetUserStatsAsync(string userId, IGrainFactory grains)
    {
        var stats = await grains.GetGrain<IUserStatsGrain>(userId).GetStatsAsync();
        return stats is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No statistics for user '{userId}'")
            : Results.Json(stats, DocumentJson.Options);
    }

    // The catalog lives in a silo; a gateway that only runs an Orleans client has none to count.
    private static IResult GetHealth(IOptions<DeploymentSettings> settings, IServiceProvider services) =>
        Results.Ok(new HealthReport("ok", settings.Value.EventLog.ToString().ToLowerInvariant(), services.GetService<LiveCatalog>()?.Count));

    private static async Task<IResult> GetGlobalTrendsAsync(IGrainFactory grains) =>
        Results.Json(await grains.GetGrain<IGlobalTrendsGrain>(0).GetSnapshotAsync(), DocumentJson.Options);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Event log unavailable; {Count} event(s) refused")]
    private static partial void LogEventLogUnavailable(ILogger logger, Exception exception, int count);
}
