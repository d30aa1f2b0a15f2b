namespace GenieCanvas.Faults.Tests;

/// <summary>Databricks answers slower than the responder's whole budget under load: 504 within the budget, never a bridge timeout.</summary>
public sealed class SlowUpstreamTests(ITestOutputHelper output)
{
    [Fact]
    public async Task When_Databricks_is_slower_than_the_budget_clients_get_504_UPSTREAM_TIMEOUT_within_it_and_the_bridge_never_times_out_first()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var settings = new StackSettings { ResponderBudget = TimeSpan.FromSeconds(2), BridgeTimeout = TimeSpan.FromSeconds(4) };
        await using var stack = await FaultStack.StartAsync(settings, cts.Token);
        var load = Scenario.StartLoad(stack, _ => ("sales", Scenario.SalesPath));

        await Task.Delay(Scenario.Phase, cts.Token);
        var faultStart = load.Now;
        await stack.Emulator.InjectFaultAsync(new EmulatorFault { PathPrefix = "/api/2.0/data-rooms/", DelayMs = 6000 }, cts.Token);
        await Task.Delay(TimeSpan.FromSeconds(3), cts.Token);
        var result = await load.StopAsync();

        var before = result.All.Where(o => o.Ended < faultStart).ToList();
        // Requests that started after the fault was in place and ended after a whole budget had passed since.
        var slow = result.All.Where(o => o.Started > faultStart).ToList();
        Scenario.Report(output, "upstream slower than the budget", result, ("before the fault", before), ("started during the fault", slow));

        var bound = settings.ResponderBudget + TimeSpan.FromSeconds(1);
        Assert.True(before.Count >= Scenario.MinPerPhase && before.All(o => o.Ok), "before the fault: " + LoadResult.Histogram(before));
        Assert.DoesNotContain(result.All, o => o.Code == GenieErrorCodes.ResponderTimeout);
        var timedOut = slow.Where(o => o.Status == 504 && o.Code == GenieErrorCodes.UpstreamTimeout).ToList();
        Assert.True(timedOut.Count >= Scenario.MinPerPhase, "too few 504 UPSTREAM_TIMEOUT: " + LoadResult.Histogram(slow));
        // A request may still join (single flight) a call that started before the fault and succeed.
        Assert.True(slow.All(o => o.Ok || (o.Status == 504 && o.Code == GenieErrorCodes.UpstreamTimeout)), "during the fault: " + LoadResult.Histogram(slow));
        Assert.True(timedOut.All(o => o.Latency <= bound), $"a 504 took longer than the budget ({settings.ResponderBudget}) + 1 s: max {timedOut.Max(o => o.Latency)}");
        Assert.True(result.All.All(o => o.Status != 0), "a request got no answer at all: " + LoadResult.Histogram(result.All));
    }
}
