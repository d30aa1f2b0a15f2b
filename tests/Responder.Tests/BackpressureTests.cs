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
    public async Task Requests_in_flight_are_bounded_by_MaxInFlight_not_by_the_Databricks_call_slots()
    {
        // One request in flight: a second request for the same space cannot join the call under way (which takes no call
        // slot), it waits for the first to finish and then makes its own call. With room for two it would share the call.
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
        var watch = Stopwatch.StartNew();
        var second = await stack.Bus.GetSpaceAsync(Slow);
        watch.Stop();

        Assert.Equal(200, (await first).Status);
        Assert.Equal(200, second.Status);
        Assert.Equal(2, await stack.Emulator.CallCountAsync(Slow));
        Assert.True(watch.Elapsed > TimeSpan.FromSeconds(0.8), $"the second request did not wait for the only request slot ({watch.Elapsed.TotalMilliseconds:0} ms)");
    }
}
