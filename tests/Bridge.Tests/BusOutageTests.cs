using System.Net;
using System.Text.Json;
using GenieCanvas.Contracts;
using GenieCanvas.Testing;

namespace GenieCanvas.Bridge.Tests;

/// <summary>
/// nats-server going away and coming back: 503 BUS_UNAVAILABLE and not ready meanwhile, then 200 again on its own,
/// without restarting the bridge. Also: the bridge starts while NATS is down.
/// </summary>
public sealed class BusOutageTests
{
    [Fact]
    public async Task Nats_stopped_gives_503_bus_unavailable_and_not_ready_then_200_again_after_a_restart()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var nats = await NatsServerProcess.StartAsync();
        await using var genie = await TestGenieService.StartAnsweringAsync(nats.Url, cts.Token);
        await using var bridge = await BridgeProcess.StartAsync(nats.Url);
        await Eventually.StatusAsync(bridge.Client, "/health/ready", HttpStatusCode.OK, cts.Token);
        await AssertSpaceAsync(bridge, cts.Token);

        await nats.StopAsync();

        using (var down = await bridge.Client.GetAsync("/api/genie/get?space_id=s1", cts.Token))
        {
            await Problem.AssertAsync(down, HttpStatusCode.ServiceUnavailable, GenieErrorCodes.BusUnavailable, cts.Token);
            Assert.True(down.Headers.Contains("Retry-After"));
        }
        await Eventually.StatusAsync(bridge.Client, "/health/ready", HttpStatusCode.ServiceUnavailable, cts.Token);
        using (var ready = await bridge.Client.GetAsync("/health/ready", cts.Token))
        {
            using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(cts.Token));
            Assert.Contains("NATS", body.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await bridge.Client.GetAsync("/health", cts.Token)).StatusCode);

        await nats.RestartAsync();

        // Both the bridge and the test's genie service reconnect by themselves.
        await Eventually.StatusAsync(bridge.Client, "/health/ready", HttpStatusCode.OK, cts.Token);
        await Eventually.StatusAsync(bridge.Client, "/api/genie/get?space_id=s1", HttpStatusCode.OK, cts.Token);
        await AssertSpaceAsync(bridge, cts.Token);
        Assert.False(bridge.Process.HasExited);
    }

    [Fact]
    public async Task The_bridge_starts_while_nats_is_down_answers_bus_unavailable_and_connects_when_nats_comes()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var nats = await NatsServerProcess.StartAsync();
        await nats.StopAsync();

        await using var bridge = await BridgeProcess.StartAsync(nats.Url);

        using (var down = await bridge.Client.GetAsync("/api/genie/get?space_id=s1", cts.Token))
        {
            await Problem.AssertAsync(down, HttpStatusCode.ServiceUnavailable, GenieErrorCodes.BusUnavailable, cts.Token);
        }
        using (var ready = await bridge.Client.GetAsync("/health/ready", cts.Token))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }

        await nats.RestartAsync();
        await using var genie = await TestGenieService.StartAnsweringAsync(nats.Url, cts.Token);

        await Eventually.StatusAsync(bridge.Client, "/health/ready", HttpStatusCode.OK, cts.Token);
        await AssertSpaceAsync(bridge, cts.Token);
    }

    private static async Task AssertSpaceAsync(BridgeProcess bridge, CancellationToken cancellationToken)
    {
        using var response = await bridge.Client.GetAsync("/api/genie/get?space_id=s1", cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestGenieService.SampleSpace, await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }
}
