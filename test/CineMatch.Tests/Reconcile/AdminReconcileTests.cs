using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CineMatch.Statistics;
using CineMatch.Statistics.MongoDB;
using CineMatch.Tests.MongoDB;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CineMatch.Tests.Reconcile;

/// <summary><c>POST /admin/reconcile</c> and <c>GET /admin/reconcile/{id}</c>: the reconcile command's run, started in a silo on MongoDB.</summary>
[Collection(MongoServerCollection.Name)]
public sealed class AdminReconcileTests(MongoServer server)
{
    [Fact]
    public async Task A_run_started_over_http_reports_the_drift_applies_it_and_a_second_run_finds_none()
    {
        var database = server.NewDatabase();
        await MoviesCollection.InsertAsync(database,
        [
            MoviesCollection.Film("alice", new WatchedFilm { Name = "Alien", Year = 1979, Rating = 5 }, MoviesCollection.FirstAdded),
            MoviesCollection.Film("bob", new WatchedFilm { Name = "Heat", Year = 1995, Rating = 4 }, MoviesCollection.FirstAdded),
        ]);
        // Without the bootstrap the cluster starts with the two users' statistics missing: the drift the run must find.
        await using var silo = await Support.ServerUnderTest.StartAsync(
            "--Mongo:ConnectionString", server.ConnectionString, "--Mongo:Database", database.DatabaseNamespace.DatabaseName,
            "--Orleans:ClusterId", "admin-reconcile-" + database.DatabaseNamespace.DatabaseName, "--EventLog", "Memory", "--Bootstrap:Enabled", "false");
        using var http = silo.CreateClient();

        var applied = await RunToTheEndAsync(http, "/admin/reconcile?apply=true");
        Assert.Equal((2L, 2L, true), ((long)applied["users_checked"]!, (long)applied["user_stats_missing"]!, (bool)applied["applied"]!));
        var stored = await database.GetCollection<BsonDocument>(CollectionNames.UserStats).Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();
        Assert.Equal(["alice", "bob"], stored.Select(document => document["user_id"].AsString).Order());

        var again = await RunToTheEndAsync(http, "/admin/reconcile");
        Assert.Equal((0L, 0L, 0L), ((long)again["user_stats_missing"]!, (long)again["users_differing"]!, (long)again["films_differing"]!));
    }

    [Fact]
    public async Task Without_MongoDB_a_run_is_refused_and_an_unknown_run_is_not_found_both_as_problem_details()
    {
        await using var silo = await Support.ServerUnderTest.StartAsync("--EventLog", "Memory");
        using var http = silo.CreateClient();

        var refused = await http.PostAsync("/admin/reconcile", null);
        var unknown = await http.GetAsync("/admin/reconcile/nothing-like-it");

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "application/problem+json"), (refused.StatusCode, refused.Content.Headers.ContentType?.MediaType));
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (unknown.StatusCode, unknown.Content.Headers.ContentType?.MediaType));
    }

    private static async Task<JsonObject> RunToTheEndAsync(HttpClient http, string start)
    {
        var started = await http.PostAsync(start, null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var location = started.Headers.Location ?? throw new InvalidOperationException("no Location for the run");
        JsonObject? run = null;
        await Support.Eventually.TrueAsync(
            async () => (string?)(run = (await http.GetFromJsonAsync<JsonObject>(location))!)["status"] is "done" or "failed",
            TimeSpan.FromMinutes(2),
            () => $"the reconcile run at {location} to end; last seen: {run?.ToJsonString()}");
        Assert.Equal("done", (string?)run!["status"]);
        return run["report"]!.AsObject();
    }
}
