using CineMatch.Documents;
using CineMatch.Hosting.Gateway.Admin;
using CineMatch.Sinks;
using CineMatch.Statistics.MongoDB.Sinks;
using CineMatch.Tests.MongoDB;
using Microsoft.Extensions.DependencyInjection;

namespace CineMatch.Tests.Gateway;

/// <summary>The admin reads of <c>dead_letters</c> and <c>late_events</c> as the MongoDB sink stores them, and the replay mark.</summary>
[Collection(MongoServerCollection.Name)]
public sealed class MongoRejectedEventStoreTests(MongoServer server)
{
    private readonly string _database = MongoServer.NewDatabaseName();

    [Fact]
    public async Task Stored_records_page_oldest_first_and_a_replay_is_marked_once_until_taken_back()
    {
        await using var services = new ServiceCollection().AddLogging()
            .AddMongoDBStatisticsSinks(options =>
            {
                options.Client = server.Client();
                options.DatabaseName = _database;
            })
            .BuildServiceProvider();
        var sink = services.GetRequiredService<IRejectedEventSink>();
        for (var offset = 0; offset < 3; offset++)
        {
            await sink.DeadLetterAsync(new DeadLetter { Raw = $"bad {offset}", Partition = 2, Offset = offset, Reason = "not JSON", Time = $"2026-01-19T20:04:1{offset}.000Z" }, default);
        }

        await sink.LateEventAsync(new LateEvent { UserId = "u", Raw = "{}", Partition = 1, Offset = 5, Reason = "late", Time = "2026-01-19T20:04:10.000Z" }, default);
        var store = new MongoRejectedEventStore(server.Client().GetDatabase(_database));

        var second = await store.GetDeadLettersAsync(page: 2, size: 2, default);
        Assert.Equal(3, second.Total);
        Assert.Equal("2:2", Assert.Single(second.Items).Id);
        var late = Assert.Single((await store.GetLateEventsAsync(1, 10, default)).Items);
        Assert.Equal(("1:5", "u"), (late.Id, late.UserId));

        var at = DateTimeOffset.Parse("2026-02-01T10:00:00Z");
        Assert.True(await store.TryMarkReplayedAsync("2:1", at, default));
        Assert.False(await store.TryMarkReplayedAsync("2:1", at.AddMinutes(1), default));
        Assert.Equal("2026-02-01T10:00:00.000Z", (await store.FindDeadLetterAsync("2:1", default))?.ReplayedAt);

        await store.UnmarkReplayedAsync("2:1", default);
        Assert.Null((await store.FindDeadLetterAsync("2:1", default))?.ReplayedAt);
        Assert.True(await store.TryMarkReplayedAsync("2:1", at, default));
        Assert.Null(await store.FindDeadLetterAsync("9:9", default));
    }
}
