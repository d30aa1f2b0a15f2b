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

    private static async Task KillMidAskAsync(bool secondResponder)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await using var stack = await GenieStack.StartAsync(new GenieStackOptions
        {
            Bridge = true,
            BridgeEnv = new Dictionary<string, string?> { ["Bridge__AskKeepAlive"] = "00:00:02", ["Bridge__AskTimeout"] = "00:00:30" },
        }, cts.Token);
        await stack.Emulator.WarmUpGenieAsync(cts.Token);
        await stack.Emulator.InjectMessageFaultAsync(new EmulatorMessageFault { StepMs = 60_000 }, cts.Token);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/genie/ask")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { space_id = EmulatorProcess.SalesSpaceId, question = "What was total revenue last quarter by region?" }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await stack.Bridge.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var reader = new SseReader(await response.Content.ReadAsStreamAsync(cts.Token));
        SseBlock? block;
        do
        {
            block = await reader.NextAsync(cts.Token);
        }
        while (block is { IsComment: true });
        Assert.Equal("status", block?.Event);

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
            Assert.Single(stack.Responders); // the other one still runs: the ping was for the ask's responder only
        }
    }
}
