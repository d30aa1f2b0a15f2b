using System.Diagnostics;
using System.Net;
using GenieCanvas.Contracts;
using GenieCanvas.Testing;

namespace GenieCanvas.Bridge.Tests;

/// <summary>A genie service that takes requests and never answers: 503 RESPONDER_TIMEOUT after the configured timeout.</summary>
public sealed class ResponderTimeoutTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private NatsServerProcess _nats = null!;
    private TestGenieService _silent = null!;
    private BridgeProcess _bridge = null!;

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _nats = await NatsServerProcess.StartAsync();
        _silent = await TestGenieService.StartSilentAsync(_nats.Url, cts.Token);
        _bridge = await BridgeProcess.StartAsync(_nats.Url, new Dictionary<string, string?> { ["Bridge__RequestTimeout"] = "00:00:01" });
        await Eventually.StatusAsync(_bridge.Client, "/health/ready", HttpStatusCode.OK, cts.Token);
    }

    public async Task DisposeAsync()
    {
        await _bridge.DisposeAsync();
        await _silent.DisposeAsync();
        await _nats.DisposeAsync();
    }

    [Fact]
    public async Task A_responder_that_never_replies_gives_503_responder_timeout_after_the_timeout()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));

        var clock = Stopwatch.StartNew();
        using var response = await _bridge.Client.GetAsync($"/api/genie/get?space_id={EmulatorProcess.SalesSpaceId}", cts.Token);
        clock.Stop();

        var problem = await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable, GenieErrorCodes.ResponderTimeout, cts.Token);
        Assert.True(clock.Elapsed >= Timeout - TimeSpan.FromMilliseconds(50), $"answered after {clock.Elapsed}, before the timeout");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}");
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.Contains("did not answer", problem.Detail, StringComparison.Ordinal);
        // The request did reach the (silent) responder: this is a timeout, not "no responders".
        Assert.Contains(_silent.Received, r => r.Header(GenieHeaders.RequestId) == problem.RequestId);
    }
}
