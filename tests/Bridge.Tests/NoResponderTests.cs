using System.Diagnostics;
using System.Net;
using System.Text.Json;
using GenieCanvas.Contracts;
using GenieCanvas.Testing;

namespace GenieCanvas.Bridge.Tests;

/// <summary>NATS is up but nobody serves genie: 503 SERVICE_UNAVAILABLE at once, never after the 10 s timeout.</summary>
public sealed class NoResponderTests : IAsyncLifetime
{
    private NatsServerProcess _nats = null!;
    private BridgeProcess _bridge = null!;

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _nats = await NatsServerProcess.StartAsync();
        _bridge = await BridgeProcess.StartAsync(_nats.Url, new Dictionary<string, string?> { ["Bridge__RequestTimeout"] = "00:00:10" });
        await Eventually.StatusAsync(_bridge.Client, "/api/genie/status", HttpStatusCode.OK, cts.Token);
    }

    public async Task DisposeAsync()
    {
        await _bridge.DisposeAsync();
        await _nats.DisposeAsync();
    }

    [Fact]
    public async Task Get_without_a_responder_is_503_service_unavailable_within_a_second_although_the_timeout_is_10_s()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        // Wait for the bridge's NATS connection, so the answer is about responders, not the bus.
        await WaitForConnectedAsync(cts.Token);

        // A first request warms the code path up (JIT on a busy 2-core machine); it must not wait for the timeout either.
        var url = $"/api/genie/get?space_id={EmulatorProcess.SalesSpaceId}";
        var warmUp = Stopwatch.StartNew();
        using (var first = await _bridge.Client.GetAsync(url, cts.Token))
        {
            await Problem.AssertAsync(first, HttpStatusCode.ServiceUnavailable, GenieErrorCodes.ServiceUnavailable, cts.Token);
            Assert.True(warmUp.Elapsed < TimeSpan.FromSeconds(5), $"the first answer took {warmUp.Elapsed}");
        }

        var clock = Stopwatch.StartNew();
        using var response = await _bridge.Client.GetAsync(url, cts.Token);
        clock.Stop();

        var problem = await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable, GenieErrorCodes.ServiceUnavailable, cts.Token);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.Equal("1", Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.Contains("responder", problem.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Post_and_list_without_a_responder_are_503_service_unavailable_too()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await WaitForConnectedAsync(cts.Token);

        using var post = await _bridge.Client.PostAsync("/api/genie/get",
            new StringContent($"{{\"space_id\":\"{EmulatorProcess.SalesSpaceId}\"}}", System.Text.Encoding.UTF8, "application/json"), cts.Token);
        await Problem.AssertAsync(post, HttpStatusCode.ServiceUnavailable, GenieErrorCodes.ServiceUnavailable, cts.Token);

        using var list = await _bridge.Client.GetAsync("/api/genie/spaces", cts.Token);
        await Problem.AssertAsync(list, HttpStatusCode.ServiceUnavailable, GenieErrorCodes.ServiceUnavailable, cts.Token);
    }

    [Fact]
    public async Task Readiness_is_503_naming_the_missing_responder_while_liveness_is_200()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await WaitForConnectedAsync(cts.Token);

        using var live = await _bridge.Client.GetAsync("/health", cts.Token);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        using var ready = await _bridge.Client.GetAsync("/health/ready", cts.Token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(cts.Token));
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("status").GetString());
        Assert.Contains("responder", body.RootElement.GetProperty("reason").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("nats").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Status_shows_the_bus_connected_and_no_responders()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await WaitForConnectedAsync(cts.Token);

        using var response = await _bridge.Client.GetAsync("/api/genie/status", cts.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cts.Token));
        Assert.Equal("connected", body.RootElement.GetProperty("nats").GetString());
        Assert.Equal(0, body.RootElement.GetProperty("responders").GetArrayLength());
    }

    private async Task WaitForConnectedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await _bridge.Client.GetAsync("/api/genie/status", cancellationToken);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (body.RootElement.GetProperty("nats").GetString() == "connected")
            {
                return;
            }
            await Task.Delay(100, cancellationToken);
        }
    }
}
