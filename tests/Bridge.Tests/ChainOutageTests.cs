using System.Diagnostics;
using System.Net;
using GenieCanvas.Contracts;
using GenieCanvas.Testing;

namespace GenieCanvas.Bridge.Tests;

/// <summary>The real responder stops and starts again: 503 at once and not ready, then served again, same bridge.</summary>
public sealed class ChainOutageTests
{
    [Fact]
    public async Task Responder_stopped_gives_503_at_once_and_not_ready_and_serving_resumes_when_it_is_back()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await using var stack = await GenieStack.StartAsync(new GenieStackOptions { Bridge = true }, cts.Token);
        var url = $"/api/genie/get?space_id={EmulatorProcess.SalesSpaceId}";
        using (var served = await stack.Bridge.Client.GetAsync(url, cts.Token))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }

        await stack.StopRespondersAsync();

        var clock = Stopwatch.StartNew();
        using (var down = await stack.Bridge.Client.GetAsync(url, cts.Token))
        {
            clock.Stop();
            await Problem.AssertAsync(down, HttpStatusCode.ServiceUnavailable, GenieErrorCodes.ServiceUnavailable, cts.Token);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        }
        await Eventually.StatusAsync(stack.Bridge.Client, "/health/ready", HttpStatusCode.ServiceUnavailable, cts.Token);

        await stack.StartResponderAsync(cancellationToken: cts.Token);

        await Eventually.StatusAsync(stack.Bridge.Client, "/health/ready", HttpStatusCode.OK, cts.Token);
        using var again = await stack.Bridge.Client.GetAsync(url, cts.Token);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }
}
