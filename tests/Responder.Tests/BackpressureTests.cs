namespace GenieCanvas.Responder.Tests;

public sealed class BackpressureTests
{
    [Fact]
    public async Task With_every_slot_busy_the_next_request_waits_for_one_instead_of_being_dropped()
    {
        const string Slow = EmulatorProcess.SalesSpaceId;
        const string Fast = "01f0a7a327cd11978f2951f81a61bfdd";
        await using var stack = await ResponderStack.StartAsync(new Dictionary<string, string?> { ["Responder__MaxConcurrency"] = "1" });
        await stack.Emulator.InjectFaultAsync(new EmulatorFault { SpaceId = Slow, DelayMs = 1500 });

        var slow = stack.Bus.GetSpaceAsync(Slow);
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (await stack.Emulator.CallCountAsync(Slow, cts.Token) < 1)
            {
                await Task.Delay(20, cts.Token);
            }
        }
        var watch = Stopwatch.StartNew();
        var fast = await stack.Bus.GetSpaceAsync(Fast);
        watch.Stop();

        Assert.Equal(200, fast.Status);
        Assert.Equal(200, (await slow).Status);
        Assert.True(watch.Elapsed > TimeSpan.FromSeconds(0.8), $"the second request did not wait for the only slot ({watch.Elapsed.TotalMilliseconds:0} ms)");
    }

    [Fact]
    public async Task At_MaxInFlight_the_next_request_gets_503_SATURATED_at_once_and_nothing_reaches_Databricks()
    {
        // One request in flight: a second one for the same space may not even join the call under way (which would take
        // no call slot); it is refused at once instead of stalling the endpoint loop, and Databricks sees one call.
        const string Slow = EmulatorProcess.SalesSpaceId;
        await using var stack = await ResponderStack.StartAsync(new Dictionary<string, string?>
        {
            ["Responder__MaxConcurrency"] = "1",
            ["Responder__MaxInFlight"] = "1",
        });
        await stack.Emulator.InjectFaultAsync(new EmulatorFault { SpaceId = Slow, DelayMs = 1500, Times = 1 });

        var first = stack.Bus.GetSpaceAsync(Slow);
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (await stack.Emulator.CallCountAsync(Slow, cts.Token) < 1)
            {
                await Task.Delay(20, cts.Token);
            }
        }
        var second = await stack.Bus.GetSpaceAsync(Slow);

        Assert.False(first.IsCompleted, "the first request ended before the second was refused; the test proves nothing");
        Assert.Equal(503, second.Status);
        Assert.Equal(GenieErrorCodes.Saturated, second.ErrorCode);
        Assert.Equal("1", second.Header(GenieHeaders.RetryAfter));
        Assert.Contains("limit of 1 requests", second.ErrorText);
        Assert.Equal(200, (await first).Status);
        Assert.Equal(1, await stack.Emulator.CallCountAsync(Slow));
    }
}
