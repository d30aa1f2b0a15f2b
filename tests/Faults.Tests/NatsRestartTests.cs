namespace GenieCanvas.Faults.Tests;

/// <summary>nats-server is restarted on the same port under load; bridge and responder reconnect on their own.</summary>
public sealed class NatsRestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task After_nats_server_restarts_both_services_reconnect_and_requests_succeed_again_within_5_s()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        // OAuth M2M here, so a client secret is in play during reconnects (see SecretsTests).
        await using var stack = await FaultStack.StartAsync(new StackSettings { Auth = ResponderAuth.OAuthM2M }, cts.Token);
        var load = Scenario.StartLoad(stack, _ => ("sales", Scenario.SalesPath), maxDuration: TimeSpan.FromSeconds(12));

        await Task.Delay(Scenario.Phase, cts.Token);
        var restartStart = load.Now;
        await stack.RestartNatsAsync();
        var restarted = load.Now;
        // Keep the load on until a steady run of successes follows the restart (or the bound has long passed).
        await load.WaitForAsync(o => o.Started > restarted && o.Ok, Scenario.MinPerPhase * 2, RecoveryBound + TimeSpan.FromSeconds(3));
        var result = await load.StopAsync();

        var before = result.All.Where(o => o.Ended < restartStart).ToList();
        var during = result.All.Where(o => o.Started >= restartStart).ToList();
        var lastFailure = during.Where(o => !o.Ok).Select(o => o.Started).DefaultIfEmpty(restarted).Max();
        var recovered = lastFailure > restarted ? lastFailure : restarted;
        var afterRecovery = result.All.Where(o => o.Started > recovered).ToList();
        Scenario.Report(output, "nats-server restarted", result,
            ("before the restart", before), ("from the restart on", during), ("after the last failure", afterRecovery));
        output.WriteLine($"[nats-server restarted]   restart took {(restarted - restartStart).TotalMilliseconds:0} ms; " +
            $"last failed request started {(lastFailure - restarted).TotalMilliseconds:0} ms after the server was back");

        Assert.True(before.Count >= Scenario.MinPerPhase && before.All(o => o.Ok), "before the restart: " + LoadResult.Histogram(before));
        Assert.True(during.All(o => o.Ok || o.Status == 503), "from the restart on: " + LoadResult.Histogram(during));
        Assert.True(result.All.All(o => o.Status != 0 && o.Latency <= stack.Settings.BridgeTimeout + TimeSpan.FromSeconds(1)),
            "a request hung past the bridge timeout: " + LoadResult.Histogram(result.All));
        Assert.True(recovered - restarted <= RecoveryBound, $"requests still failed {(recovered - restarted).TotalSeconds:0.0} s after the restart");
        Assert.True(afterRecovery.Count >= Scenario.MinPerPhase, "too few requests after recovery: " + LoadResult.Histogram(afterRecovery));
        // Both really lost the connection and came back (not a restart nobody noticed).
        Assert.Contains("Lost the NATS connection", stack.Bridge.Process.Output, StringComparison.Ordinal);
        Assert.Contains("lost; reconnecting", stack.Responders[0].Process.Output, StringComparison.Ordinal);
        Assert.False(stack.Bridge.Process.HasExited || stack.Responders[0].Process.HasExited, "a service exited");
    }
}
