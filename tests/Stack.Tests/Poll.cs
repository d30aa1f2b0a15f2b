namespace GenieCanvas.Stack.Tests;

/// <summary>Waits for a condition that becomes true eventually (a port freed, a process gone, a 503 answered).</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describeFailure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition())
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not within {timeout}: {describeFailure()}");
            }
            await Task.Delay(100);
        }
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> describeFailure) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, describeFailure);
}
