using System.Diagnostics;
using System.Net;
using GenieCanvas.Contracts;
using GenieCanvas.Testing;

namespace GenieCanvas.Bridge.Tests;

/// <summary>Stopping the bridge (SIGTERM, as start.sh and systemd do) answers requests still waiting on the bus at once.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task SIGTERM_answers_a_request_waiting_on_the_bus_with_503_and_the_bridge_exits_without_waiting_out_the_timeout()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var nats = await NatsServerProcess.StartAsync();
        await using var silent = await TestGenieService.StartSilentAsync(nats.Url, cts.Token);
        await using var bridge = await BridgeProcess.StartAsync(nats.Url, new Dictionary<string, string?> { ["Bridge__RequestTimeout"] = "00:00:10" });
        await Eventually.StatusAsync(bridge.Client, "/health/ready", HttpStatusCode.OK, cts.Token);

        var pending = bridge.Client.GetAsync($"/api/genie/get?space_id={EmulatorProcess.SalesSpaceId}", cts.Token);
        while (silent.Received.Count == 0)
        {
            await Task.Delay(20, cts.Token); // the request is on the bus, waiting for a reply that never comes
        }
        var clock = Stopwatch.StartNew();
        bridge.Process.Signal(Signals.SigTerm);

        using var response = await pending;
        await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable, GenieErrorCodes.ServiceUnavailable, cts.Token);
        Assert.True(await bridge.Process.WaitForExitAsync(TimeSpan.FromSeconds(8)), "the bridge did not exit");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {clock.Elapsed}: it waited for the 10 s request timeout");
        Assert.Equal(0, bridge.Process.ExitCode);
    }
}
