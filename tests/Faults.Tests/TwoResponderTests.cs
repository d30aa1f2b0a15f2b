namespace GenieCanvas.Faults.Tests;

/// <summary>Two responders share the queue group; one is SIGKILLed under load. Only what it held at that moment fails.</summary>
public sealed class TwoResponderTests(ITestOutputHelper output)
{
    /// <summary>A slow (but successful) upstream keeps ~Rate × delay requests in flight, so the kill has something to hit.</summary>
    private const int UpstreamDelayMs = 100;

    [Fact]
    public async Task When_one_of_two_responders_is_killed_only_the_requests_it_held_fail_and_the_other_serves_everything_after()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var stack = await FaultStack.StartAsync(new StackSettings { Responders = 2 }, cts.Token);
        await stack.Emulator.InjectFaultAsync(new EmulatorFault { PathPrefix = "/api/2.0/data-rooms/", DelayMs = UpstreamDelayMs }, cts.Token);
        var victim = stack.Responders[0];
        var survivor = stack.Responders[1];
        var load = Scenario.StartLoad(stack, _ => ("sales", Scenario.SalesPath));

        await Task.Delay(Scenario.Phase, cts.Token);
        var victimHandled = Scenario.HandledCount(victim);
        var survivorHandled = Scenario.HandledCount(survivor);
        var killStart = load.Now;
        await stack.KillResponderAsync(victim);
        var killed = load.Now;
        await Task.Delay(Scenario.Phase, cts.Token);
        var result = await load.StopAsync();

        var before = result.All.Where(o => o.Ended < killStart).ToList();
        var inFlight = result.All.Where(o => o.InFlightDuring(killStart, killed)).ToList();
        var after = result.StartedBetween(killed, TimeSpan.MaxValue).ToList();
        var failed = result.All.Where(o => !o.Ok).ToList();
        Scenario.Report(output, "one of two responders killed", result,
            ("before the kill", before), ("in flight at the kill (the bound)", inFlight), ("started after the kill", after), ("failed", failed));
        output.WriteLine($"[one of two responders killed]   handled before the kill: victim {victimHandled}, survivor {survivorHandled}");

        Assert.True(victimHandled >= 10 && survivorHandled >= 10, $"the load was not shared: victim {victimHandled}, survivor {survivorHandled}");
        Assert.True(before.Count >= Scenario.MinPerPhase && before.All(o => o.Ok), "before the kill: " + LoadResult.Histogram(before));
        Assert.True(inFlight.Count >= 5, "too little in flight for the kill to mean something: " + LoadResult.Histogram(inFlight));
        Assert.True(failed.All(o => o.InFlightDuring(killStart, killed)), "a request that was not in flight at the kill failed: " + LoadResult.Histogram(failed.Where(o => !o.InFlightDuring(killStart, killed))));
        Assert.True(failed.All(o => o.Status == 503 && o.Code == GenieErrorCodes.ResponderTimeout), "failures: " + LoadResult.Histogram(failed));
        Assert.True(failed.Count >= 1, "the killed responder held no request: the kill proved nothing");
        Assert.True(failed.All(o => o.Latency <= stack.Settings.BridgeTimeout + TimeSpan.FromSeconds(1)), "a failure took longer than the bridge timeout");
        Assert.True(after.Count >= Scenario.MinPerPhase && after.All(o => o.Ok), "after the kill: " + LoadResult.Histogram(after));
    }
}
