namespace CineMatch.Tests.Support;

public static class Eventually
{
    /// <summary>Polls until the condition holds; fails with the message after the timeout.</summary>
    public static Task TrueAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null) =>
        PollAsync(condition, () => because, timeout ?? TimeSpan.FromSeconds(20));

    public static Task TrueAsync(Func<bool> condition, string because, TimeSpan? timeout = null) =>
        TrueAsync(() => Task.FromResult(condition()), because, timeout);

    /// <summary>Polls until the condition holds; the failure message is computed then, so it can show the state reached.</summary>
    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe) =>
        PollAsync(() => Task.FromResult(condition()), describe, timeout);

    public static Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe) =>
        PollAsync(condition, describe, timeout);

    private static async Task PollAsync(Func<Task<bool>> condition, Func<string> describe, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout} waiting: {describe()}");
            }

            await Task.Delay(50);
        }
    }
}
