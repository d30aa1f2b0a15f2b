namespace GenieCanvas.Responder.Tests;

[Collection(ResponderCollection.Name)]
public sealed class ConcurrencyTests(ResponderFixture fixture) : SharedStackTests(fixture)
{
    private const string Slow = EmulatorProcess.SalesSpaceId;
    private const string Fast = "01f0a7a327cd11978f2951f81a61bfdd";

    public override Task DisposeAsync() => ResetEmulatorAsync();

    [Fact]
    public async Task A_slow_space_does_not_delay_another()
    {
        await Stack.Emulator.InjectFaultAsync(new EmulatorFault { SpaceId = Slow, DelayMs = 2000 });
        // Warm up the connection pool so the fast request measures the hand-off, not a first TCP connect.
        Assert.Equal(200, (await Stack.Bus.GetSpaceAsync(Fast)).Status);

        var slowWatch = Stopwatch.StartNew();
        var slow = Stack.Bus.GetSpaceAsync(Slow);
        await Eventually.TrueAsync(async () => await Stack.Emulator.CallCountAsync(Slow) >= 1, TimeSpan.FromSeconds(10), () => "the slow call never reached the emulator");

        var fastWatch = Stopwatch.StartNew();
        var fast = await Stack.Bus.GetSpaceAsync(Fast);
        fastWatch.Stop();
        var slowStillRunning = !slow.IsCompleted;
        var slowReply = await slow;
        slowWatch.Stop();

        Assert.Equal(200, fast.Status);
        Assert.Equal(200, slowReply.Status);
        Assert.True(fastWatch.Elapsed < TimeSpan.FromSeconds(1), $"the fast space took {fastWatch.Elapsed.TotalMilliseconds:0} ms behind the slow one");
        Assert.True(slowWatch.Elapsed >= TimeSpan.FromSeconds(1.9), $"the slow space took only {slowWatch.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(slowStillRunning, "the slow request had ended before the fast one was answered: nothing was shown");
    }

    [Fact]
    public async Task Identical_concurrent_gets_share_one_upstream_call_and_nothing_is_cached_afterwards()
    {
        await Stack.Emulator.InjectFaultAsync(new EmulatorFault { SpaceId = Slow, DelayMs = 1000 });

        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Stack.Bus.GetSpaceAsync(Slow)));

        Assert.All(replies, r => Assert.Equal(200, r.Status));
        Assert.All(replies, r => Assert.Equal(Slow, r.Json.GetProperty("space_id").GetString()));
        Assert.Equal(1, await Stack.Emulator.CallCountAsync(Slow));

        var again = await Stack.Bus.GetSpaceAsync(Slow);
        Assert.Equal(200, again.Status);
        Assert.Equal(2, await Stack.Emulator.CallCountAsync(Slow));
    }

    [Fact]
    public async Task Concurrent_gets_share_an_error_too()
    {
        await Stack.Emulator.InjectFaultAsync(new EmulatorFault { SpaceId = Slow, DelayMs = 1000, Status = 404, ErrorCode = "RESOURCE_DOES_NOT_EXIST", Message = "Gone." });

        var replies = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Stack.Bus.GetSpaceAsync(Slow)));

        Assert.All(replies, r => Assert.Equal(404, r.Status));
        Assert.Equal(1, await Stack.Emulator.CallCountAsync(Slow));
    }
}
