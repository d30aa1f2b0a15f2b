using System.Globalization;
using System.Net;
using GenieCanvas.Contracts;
using GenieCanvas.Testing;

namespace GenieCanvas.Bridge.Tests;

/// <summary>
/// Flows when JetStream is not there: a nats-server restart keeps them (same store dir); no JetStream, no NATS, or
/// a bucket that cannot be made is 503 FLOWS_UNAVAILABLE with Retry-After, after input is checked. Each test runs its own servers.
/// </summary>
public sealed class FlowsOutageTests
{
    private const string FlowsUnavailable = "FLOWS_UNAVAILABLE";

    [Fact]
    public async Task Flows_survive_a_nats_server_restart_on_the_same_store_dir_and_saves_go_on_from_their_revision()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var stack = await StartAsync(new FlowsStack());
        var etag = await stack.CreateAsync("kept across restarts", FlowsStack.ValidDocument, cts.Token);

        await stack.Nats.RestartAsync();
        await stack.WaitConnectedAsync(cts.Token);

        using (var read = await ReadWhenBackAsync(stack, "kept across restarts", cts.Token))
        {
            Assert.Equal(etag, FlowsStack.ETagOf(read));
            Assert.Equal(FlowsStack.ValidDocument, await read.Content.ReadAsStringAsync(cts.Token));
        }
        Assert.True(Directory.EnumerateFiles(stack.Nats.StoreDir!, "*", SearchOption.AllDirectories).Any());
        using var replaced = await stack.PutAsync("kept across restarts", FlowsStack.ValidDocument, ifMatch: etag, cancellationToken: cts.Token);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        using var stale = await stack.PutAsync("kept across restarts", FlowsStack.ValidDocument, ifMatch: etag, cancellationToken: cts.Token);
        await Problem.AssertAsync(stale, HttpStatusCode.PreconditionFailed, "FLOW_CONFLICT", cts.Token);
    }

    [Fact]
    public async Task A_nats_server_without_jetstream_gives_503_flows_unavailable_with_retry_after_but_bad_input_is_still_400()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var stack = await StartAsync(new WithoutJetStream());

        using (var list = await stack.Client.GetAsync("/api/flows", cts.Token))
        {
            var problem = await Problem.AssertAsync(list, HttpStatusCode.ServiceUnavailable, FlowsUnavailable, cts.Token);
            Assert.Contains("JetStream", problem.Detail, StringComparison.Ordinal);
            Assert.True(list.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }
        using (var put = await stack.PutAsync("a flow", FlowsStack.ValidDocument, ifNoneMatch: "*", cancellationToken: cts.Token))
        {
            await Problem.AssertAsync(put, HttpStatusCode.ServiceUnavailable, FlowsUnavailable, cts.Token);
        }
        using (var get = await stack.Client.GetAsync(FlowsStack.Path("a flow"), cts.Token))
        {
            await Problem.AssertAsync(get, HttpStatusCode.ServiceUnavailable, FlowsUnavailable, cts.Token);
        }
        using (var delete = await stack.DeleteAsync("a flow", cancellationToken: cts.Token))
        {
            await Problem.AssertAsync(delete, HttpStatusCode.ServiceUnavailable, FlowsUnavailable, cts.Token);
        }
        using (var bad = await stack.PutAsync("a.b", FlowsStack.ValidDocument, ifNoneMatch: "*", cancellationToken: cts.Token))
        {
            await Problem.AssertAsync(bad, HttpStatusCode.BadRequest, GenieErrorCodes.InvalidRequest, cts.Token);
        }
        using (var notJson = await stack.PutAsync("a flow", "{", ifNoneMatch: "*", cancellationToken: cts.Token))
        {
            await Problem.AssertAsync(notJson, HttpStatusCode.BadRequest, GenieErrorCodes.InvalidRequest, cts.Token);
        }
    }

    [Fact]
    public async Task Nats_down_gives_503_flows_unavailable_at_once_and_the_flows_are_back_with_it()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var stack = await StartAsync(new FlowsStack());
        var etag = await stack.CreateAsync("through an outage", FlowsStack.ValidDocument, cts.Token);

        await stack.Nats.StopAsync();
        await WaitDisconnectedAsync(stack, cts.Token);

        using (var down = await stack.Client.GetAsync(FlowsStack.Path("through an outage"), cts.Token))
        {
            var problem = await Problem.AssertAsync(down, HttpStatusCode.ServiceUnavailable, FlowsUnavailable, cts.Token);
            Assert.Contains("NATS", problem.Detail, StringComparison.Ordinal);
            Assert.True(down.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }
        using (var save = await stack.PutAsync("through an outage", FlowsStack.ValidDocument, ifMatch: etag, cancellationToken: cts.Token))
        {
            await Problem.AssertAsync(save, HttpStatusCode.ServiceUnavailable, FlowsUnavailable, cts.Token);
        }

        await stack.Nats.RestartAsync();
        await stack.WaitConnectedAsync(cts.Token);
        using var read = await ReadWhenBackAsync(stack, "through an outage", cts.Token);
        Assert.Equal(etag, FlowsStack.ETagOf(read));
    }

    [Fact]
    public async Task Three_replicas_on_a_single_server_cannot_make_the_bucket_and_answer_503_flows_unavailable()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var stack = await StartAsync(new WithThreeReplicas());

        using var put = await stack.PutAsync("needs a cluster", FlowsStack.ValidDocument, ifNoneMatch: "*", cancellationToken: cts.Token);

        await Problem.AssertAsync(put, HttpStatusCode.ServiceUnavailable, FlowsUnavailable, cts.Token);
        Assert.Contains("Flows create failed on JetStream", stack.Bridge.Process.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bridge__FlowReplicas", "0", "Bridge__FlowReplicas")]
    [InlineData("Bridge__FlowReplicas", "7", "Bridge__FlowReplicas")]
    [InlineData("Bridge__FlowHistory", "65", "Bridge__FlowHistory")]
    [InlineData("Bridge__FlowTimeout", "00:01:00", "Bridge__FlowTimeout")]
    [InlineData("Bridge__FlowReplicas", "three", "Bridge:FlowReplicas")]
    public async Task A_bad_flows_setting_stops_the_bridge_with_one_line_naming_it(string variable, string value, string named)
    {
        var environment = new Dictionary<string, string?>
        {
            ["NATS_URL"] = $"nats://127.0.0.1:{FreeTcpPort.Next()}",
            ["BRIDGE_PORT"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            [variable] = value,
        };
        await using var bridge = ServiceProcess.StartDotnet(BridgeProcess.AssemblyName, environment);

        Assert.True(await bridge.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the bridge kept running:\n" + bridge.Output);
        Assert.True(bridge.ExitCode == 2, $"exit code {bridge.ExitCode}, expected 2:\n{bridge.Output}");
        var line = Assert.Single(bridge.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(named, line, StringComparison.Ordinal);
    }

    private sealed class WithoutJetStream : FlowsStack
    {
        protected override bool JetStream => false;
    }

    private sealed class WithThreeReplicas : FlowsStack
    {
        protected override IReadOnlyDictionary<string, string?>? BridgeSettings => new Dictionary<string, string?> { ["Bridge__FlowReplicas"] = "3" };
    }

    private static async Task<T> StartAsync<T>(T stack) where T : FlowsStack
    {
        await stack.InitializeAsync();
        return stack;
    }

    // After a restart the first call may still meet JetStream settling: poll until the flow reads back.
    private static async Task<HttpResponseMessage> ReadWhenBackAsync(FlowsStack stack, string name, CancellationToken cancellationToken)
    {
        while (true)
        {
            var response = await stack.Client.GetAsync(FlowsStack.Path(name), cancellationToken);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return response;
            }
            response.Dispose();
            await Task.Delay(100, cancellationToken);
        }
    }

    private static async Task WaitDisconnectedAsync(FlowsStack stack, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await stack.Client.GetAsync("/api/genie/status", cancellationToken);
            if (!(await response.Content.ReadAsStringAsync(cancellationToken)).Contains("\"nats\":\"connected\"", StringComparison.Ordinal))
            {
                return;
            }
            await Task.Delay(50, cancellationToken);
        }
    }
}
