namespace GenieCanvas.Faults.Tests;

/// <summary>The only responder is SIGKILLed under load, then a new one is started; the bridge is never touched.</summary>
public sealed class ResponderKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task After_the_only_responder_is_killed_every_request_is_a_503_without_hanging_and_a_new_responder_serves_again()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var stack = await FaultStack.StartAsync(new StackSettings(), cts.Token);
        var load = Scenario.StartLoad(stack, _ => ("sales", Scenario.SalesPath));

        await Task.Delay(Scenario.Phase, cts.Token);
        var killStart = load.Now;
        await stack.KillResponderAsync(stack.Responders[0]);
        var killed = load.Now;
        await Task.Delay(Scenario.Phase, cts.Token);
        var restarting = load.Now;
        await stack.StartResponderAsync(cts.Token);
        var ready = load.Now;
        await Task.Delay(Scenario.Phase, cts.Token);
        var result = await load.StopAsync();

        var before = result.All.Where(o => o.Ended < killStart).ToList();
        var inFlight = result.All.Where(o => o.InFlightDuring(killStart, killed)).ToList();
        var down = result.StartedBetween(killed, restarting).ToList();
        // The new responder subscribes genie.get a moment before it logs that it is ready: 503 or 200 in between.
        var starting = result.StartedBetween(restarting, ready).ToList();
        var back = result.StartedBetween(ready, TimeSpan.MaxValue).ToList();
        Scenario.Report(output, "responder killed", result,
            ("before the kill", before), ("in flight at the kill", inFlight), ("after the kill", down),
            ("while a new responder starts", starting), ("after the new responder is ready", back));

        var timeout = stack.Settings.BridgeTimeout;
        Assert.True(result.All.All(o => o.Status != 0 && o.Latency <= timeout + TimeSpan.FromSeconds(1)),
            $"a request hung past the bridge timeout ({timeout}): {LoadResult.Histogram(result.All)}");
        Assert.True(before.Count >= Scenario.MinPerPhase && before.All(o => o.Ok), "before the kill: " + LoadResult.Histogram(before));
        Assert.True(down.Count >= Scenario.MinPerPhase, "too few requests while down: " + LoadResult.Histogram(down));
        Assert.True(down.All(o => o.Status == 503 && o.RetryAfter is not null), "after the kill: " + LoadResult.Histogram(down));
        Assert.True(starting.All(o => o.Ok || o.Status == 503), "while a new responder starts: " + LoadResult.Histogram(starting));
        Assert.True(back.Count >= Scenario.MinPerPhase && back.All(o => o.Ok), "after the new responder was ready: " + LoadResult.Histogram(back));
        // The same bridge process served all phases (nothing restarts it; a pid compared with itself proved nothing).
        Assert.False(stack.Bridge.Process.HasExited, "the bridge stopped");
    }
}
