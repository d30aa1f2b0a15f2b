using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace GenieCanvas.Faults.Tests;

/// <summary>The responder answering an ask is SIGKILLed mid-ask: the browser's stream must end with an error event, not hang.</summary>
public sealed class AskKillTests
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_responder_killed_mid_ask_ends_the_stream_with_an_error_event_at_the_next_keep_alive()
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

        await stack.KillResponderAsync(stack.Responders[0]);
        var killed = System.Diagnostics.Stopwatch.StartNew();
        var rest = await reader.ReadEventsAsync(cts.Token);
        killed.Stop();

        var last = Assert.Single(rest);
        Assert.Equal("error", last.Event);
        using var problem = JsonDocument.Parse(last.Data);
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        // Noticed at the next keep-alive (a ping finds no responder left), long before the 30 s ask timeout.
        Assert.Equal("SERVICE_UNAVAILABLE", problem.RootElement.GetProperty("code").GetString());
        Assert.True(killed.Elapsed < KeepAlive * 3, $"the stream ended {killed.Elapsed.TotalSeconds:0.0} s after the kill; the keep-alive is {KeepAlive.TotalSeconds} s");
    }
}
