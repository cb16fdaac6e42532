using CineMatch.Counting;
using CineMatch.Documents;
using CineMatch.Wire;

namespace CineMatch.Hosting.Gateway;

/// <summary>Public reads for the backend and for support: one film's count, one user's list as the grain holds it.</summary>
public static class SupportReadEndpoints
{
    public static IEndpointRouteBuilder MapSupportReads(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/movies/{filmKey}/count", GetMovieCountAsync)
            .Produces<MovieCountView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A film's exact count (key: imdb id or normalized title, as in movie_counts)");
        routes.MapGet("/users/{userId}/list", GetUserListAsync)
            .Produces<UserListDocument>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The films a user holds now, as the grain has them");
        return routes;
    }

    private static async Task<IResult> GetMovieCountAsync(string filmKey, IGrainFactory grains)
    {
        // The user-population shards are counters too, but not films.
        if (!CounterKeys.IsUserPopulation(filmKey))
        {
            var tally = await grains.GetGrain<IMovieCounterGrain>(filmKey).GetTallyAsync();
            if (tally.Version > 0)
            {
                return Results.Json(new MovieCountView(filmKey, tally.Label?.Title, tally.Label?.Year, tally.Users, tally.Entries), DocumentJson.Options);
            }
        }

        return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No film counted under '{filmKey}'");
    }

    private static async Task<IResult> GetUserListAsync(string userId, IGrainFactory grains)
    {
        var list = await grains.GetGrain<IUserStatsGrain>(userId).GetListAsync();
        return list.Movies.Count == 0
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"User '{userId}' holds no film")
            : Results.Json(list, DocumentJson.Options);
    }
}
