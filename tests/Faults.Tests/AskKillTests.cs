using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace GenieCanvas.Faults.Tests;

/// <summary>
/// The responder answering an ask is SIGKILLed mid-ask: the browser's stream must end with an error event at the next
/// keep-alive, not hang until the bridge's ask timeout, also while another responder is still on the bus.
/// </summary>
public sealed class AskKillTests
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(2);

    [Fact]
    public Task A_responder_killed_mid_ask_ends_the_stream_with_an_error_event_at_the_next_keep_alive() =>
        KillMidAskAsync(secondResponder: false);

    [Fact]
    public Task The_asks_own_responder_killed_ends_its_stream_at_the_next_keep_alive_although_another_responder_still_runs() =>
        KillMidAskAsync(secondResponder: true);

    [Fact]
    public async Task A_responder_stopped_mid_ask_finishes_it_within_its_grace_and_the_stream_gets_the_answer()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        // A keep-alive far shorter than the drain: the bridge checks on the stopping responder several times.
        await using var stack = await StartStackAsync(keepAlive: "00:00:00.5", genieStepMs: 400, cts.Token);
        var reader = await AskAsync(stack, cts.Token);

        // SIGTERM, as a rolling restart does: no new requests, the ask in flight is finished (SIGKILL only after 5 s).
        await stack.StopResponderAsync(stack.Responders[0]);
        var rest = await reader.ReadEventsAsync(cts.Token);

        var last = rest[^1];
        Assert.True(last.Event == "answer", $"the stream ended with {last.Event}: {last.Data}");
        using var answer = JsonDocument.Parse(last.Data);
        Assert.Equal("COMPLETED", answer.RootElement.GetProperty("status").GetString());
    }

    /// <summary>The bridge with the given ask keep-alive (30 s ask timeout), one responder, Genie steps of that length.</summary>
    private static async Task<GenieStack> StartStackAsync(string keepAlive, int genieStepMs, CancellationToken cancellationToken)
    {
        var stack = await GenieStack.StartAsync(new GenieStackOptions
        {
            Bridge = true,
            BridgeEnv = new Dictionary<string, string?> { ["Bridge__AskKeepAlive"] = keepAlive, ["Bridge__AskTimeout"] = "00:00:30" },
        }, cancellationToken);
        await stack.Emulator.WarmUpGenieAsync(cancellationToken);
        await stack.Emulator.InjectMessageFaultAsync(new EmulatorMessageFault { StepMs = genieStepMs }, cancellationToken);
        return stack;
    }

    private static async Task<SseReader> AskAsync(GenieStack stack, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/genie/ask")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { space_id = EmulatorProcess.SalesSpaceId, question = "What was total revenue last quarter by region?" }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await stack.Bridge.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var reader = new SseReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        SseBlock? block;
        do
        {
            block = await reader.NextAsync(cancellationToken);
        }
        while (block is { IsComment: true });
        Assert.Equal("status", block?.Event);
        return reader;
    }

    private static async Task KillMidAskAsync(bool secondResponder)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await using var stack = await StartStackAsync(keepAlive: KeepAlive.ToString(), genieStepMs: 60_000, cts.Token);
        var reader = await AskAsync(stack, cts.Token);

        // Only the first responder can hold the ask: the second joins the queue group after it started.
        var asking = stack.Responders[0];
        if (secondResponder)
        {
            await stack.StartResponderAsync(cancellationToken: cts.Token);
        }
        await stack.KillResponderAsync(asking);
        var killed = System.Diagnostics.Stopwatch.StartNew();
        var rest = await reader.ReadEventsAsync(cts.Token);
        killed.Stop();

        var last = Assert.Single(rest);
        Assert.Equal("error", last.Event);
        using var problem = JsonDocument.Parse(last.Data);
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        // Noticed at the next keep-alive (a ping to the ask's own responder finds it gone), long before the 30 s timeout.
        Assert.Equal("SERVICE_UNAVAILABLE", problem.RootElement.GetProperty("code").GetString());
        Assert.True(killed.Elapsed < KeepAlive * 3, $"the stream ended {killed.Elapsed.TotalSeconds:0.0} s after the kill; the keep-alive is {KeepAlive.TotalSeconds} s");
        if (secondResponder)
        {
            // The other responder still serves: the stream ended because its own responder was gone, not the bus.
            using var get = await stack.Bridge.Client.GetAsync($"/api/genie/get?space_id={EmulatorProcess.SalesSpaceId}", cts.Token);
            Assert.Equal(System.Net.HttpStatusCode.OK, get.StatusCode);
        }
    }
}
