using CineMatch.Events;
using CineMatch.Hosting.Security;
using CineMatch.Statistics.MongoDB.Reconcile;
using CineMatch.Wire;

namespace CineMatch.Hosting.Gateway.Admin;

/// <summary><c>/admin/*</c>, all behind the <c>admin</c> role.</summary>
public static partial class AdminEndpoints
{
    public static IEndpointRouteBuilder MapCineMatchAdmin(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/admin")
            .RequireAuthorization(GatewayRoles.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        admin.MapPost("/trends/flush", FlushTrendsAsync)
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Write global_stats and movie_counts now, if anything changed");
        admin.MapGet("/dead-letters", GetDeadLettersAsync)
            .Produces<RecordPage<StoredDeadLetter>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Records that were not valid events, oldest first (?page=1&size=50)");
        admin.MapGet("/late-events", GetLateEventsAsync)
            .Produces<RecordPage<StoredLateEvent>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Events older than their user's watermark, oldest first (?page=1&size=50)");
        admin.MapPost("/dead-letters/{id}/replay", ReplayDeadLetterAsync)
            .Produces<ReplayOutcome>(StatusCodes.Status202Accepted)
            .Produces<ReplayOutcome>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Publish the stored record again, once (after the cause was fixed); a second replay publishes nothing");
        admin.MapPost("/reconcile", StartReconcile)
            .Produces<ReconcileRunStatus>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Start a reconcile run in this silo (?apply=true corrects and makes the cluster adopt; ?users=a,b limits it)");
        admin.MapGet("/reconcile/{id}", GetReconcile)
            .Produces<ReconcileRunStatus>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A run started here: running, done with its report (the reconcile_reports document), or failed");
        return routes;
    }

    private static IResult StartReconcile(bool? apply, string? users, AdminReconcileRuns runs, HttpResponse response)
    {
        if (!runs.Available)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Reconcile needs a silo on MongoDB",
                detail: "Run the gateway inside a silo with Mongo:ConnectionString set, or use the reconcile command.");
        }

        var named = users?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (runs.Start(new ReconcileRequest(apply ?? false, named is { Length: > 0 } ? named : null)) is not { } started)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "A reconcile run is in progress", detail: "Wait for it to finish (GET /admin/reconcile/{id}).");
        }

        response.Headers.Location = $"/admin/reconcile/{started.Id}";
        return Results.Json(started, DocumentJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private static IResult GetReconcile(string id, AdminReconcileRuns runs) =>
        runs.Find(id) is { } run
            ? Results.Json(run, DocumentJson.Options)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No reconcile run '{id}' was started in this process");

    private static async Task<IResult> FlushTrendsAsync(IGrainFactory grains)
    {
        await grains.GetGrain<IGlobalTrendsGrain>(0).FlushAsync();
        return Results.NoContent();
    }

    private static Task<IResult> GetDeadLettersAsync(string? page, string? size, IServiceProvider services, CancellationToken cancellationToken) =>
        PagedAsync(page, size, services, (store, query) => store.GetDeadLettersAsync(query.Page, query.Size, cancellationToken));

    private static Task<IResult> GetLateEventsAsync(string? page, string? size, IServiceProvider services, CancellationToken cancellationToken) =>
        PagedAsync(page, size, services, (store, query) => store.GetLateEventsAsync(query.Page, query.Size, cancellationToken));

    private static async Task<IResult> PagedAsync<T>(string? page, string? size, IServiceProvider services, Func<IRejectedEventStore, PageQuery, Task<RecordPage<T>>> read)
    {
        var (query, errors) = PageQuery.Parse(page, size);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "Invalid paging");
        }

        return services.GetService<IRejectedEventStore>() is { } store
            ? Results.Json(await read(store, query), DocumentJson.Options)
            : NoStore();
    }

    private static async Task<IResult> ReplayDeadLetterAsync(
        string id, IServiceProvider services, IEventPublisher publisher, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (services.GetService<IRejectedEventStore>() is not { } store)
        {
            return NoStore();
        }

        var letter = await store.FindDeadLetterAsync(id, cancellationToken);
        if (letter is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No dead letter '{id}'");
        }

        if (letter.ReplayedAt is { } earlier)
        {
            return Results.Json(new ReplayOutcome(id, earlier, Published: false), DocumentJson.Options);
        }

        var parsed = EventParser.Parse(System.Text.Encoding.UTF8.GetBytes(letter.Raw));
        if (parsed.Event is not { } movieEvent)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "The stored record is still not a valid event; nothing was published",
                detail: $"raw: {parsed.Error}");
        }

        var at = time.GetUtcNow();
        if (!await store.TryMarkReplayedAsync(id, at, cancellationToken))
        {
            var marked = await store.FindDeadLetterAsync(id, cancellationToken);
            return Results.Json(new ReplayOutcome(id, marked?.ReplayedAt ?? DocumentJson.Format(at), Published: false), DocumentJson.Options);
        }

        try
        {
            await publisher.PublishAsync([new IncomingEvent(movieEvent, letter.Raw)], cancellationToken);
        }
        catch (EventLogUnavailableException ex)
        {
            await store.UnmarkReplayedAsync(id, CancellationToken.None);
            LogReplayFailed(loggers.CreateLogger(typeof(AdminEndpoints)), ex, id);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The event log is unavailable; retry the replay later", detail: ex.Message);
        }

        return Results.Json(new ReplayOutcome(id, DocumentJson.Format(at), Published: true), DocumentJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private static IResult NoStore() => Results.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Dead letters and late events are not readable here",
        detail: "The gateway alone reads them from MongoDB (Mongo:ConnectionString); in memory they live in the silo's process.");

    [LoggerMessage(EventId = 5501, Level = LogLevel.Warning, Message = "Replay of dead letter {Id} failed: the event log is unavailable")]
    private static partial void LogReplayFailed(ILogger logger, Exception exception, string id);
}
