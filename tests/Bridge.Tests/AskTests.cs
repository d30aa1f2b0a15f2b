using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GenieCanvas.Contracts;
using GenieCanvas.Testing;

namespace GenieCanvas.Bridge.Tests;

/// <summary>POST /api/genie/ask through the real responder and the emulated Genie: SSE framing, JSON mode, errors, disconnects.</summary>
public sealed class AskTests(AskTests.Fixture fixture) : IClassFixture<AskTests.Fixture>, IAsyncLifetime
{
    private const string Sales = "01f0eca3dc1b1cbc9b65fa58f94c18ad";
    private const string Question = "What was total revenue last quarter by region?";

    /// <summary>Genie steps of 100 ms; keep-alive every 500 ms so it shows within a test.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public GenieStack Stack { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            Stack = await GenieStack.StartAsync(new GenieStackOptions
            {
                Bridge = true,
                Emulator = new EmulatorSettings { Environment = EmulatorKnobs.GenieStepEnvironment(100) },
                BridgeEnv = new Dictionary<string, string?> { ["Bridge__AskKeepAlive"] = "00:00:00.5" },
            }, cts.Token);
            await Stack.Emulator.WarmUpGenieAsync(cts.Token);
        }

        public async Task DisposeAsync() => await Stack.DisposeAsync();
    }

    private GenieStack Stack => fixture.Stack;

    private HttpClient Http => Stack.Bridge.Client;

    public async Task InitializeAsync() => await Stack.Emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task With_Accept_event_stream_the_answer_comes_as_server_sent_events_and_the_response_ends_after_it()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await SendAsync(Body(Sales, Question), eventStream: true, cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new SseReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var events = await reader.ReadEventsAsync(cts.Token);

        Assert.Equal("answer", events[^1].Event);
        Assert.All(events[..^1], e => Assert.Equal("status", e.Event));
        Assert.True(events.Count >= 2);
        // Framing: each event is "event: name" and exactly one "data:" line of JSON, then a blank line.
        Assert.All(events, e => Assert.Single(e.DataLines));
        Assert.All(events, e => JsonDocument.Parse(e.Data).Dispose());
        Assert.DoesNotContain(reader.RawLines, l => l.Length > 0 && !(l.StartsWith("event: ", StringComparison.Ordinal) || l.StartsWith("data: ", StringComparison.Ordinal) || l.StartsWith(':')));
        using var answer = JsonDocument.Parse(events[^1].Data);
        Assert.Equal("COMPLETED", answer.RootElement.GetProperty("status").GetString());
        Assert.Equal(4, answer.RootElement.GetProperty("result").GetProperty("rows").GetArrayLength());
        Assert.Contains("SELECT", answer.RootElement.GetProperty("query").GetProperty("sql").GetString());
    }

    [Fact]
    public async Task Without_Accept_event_stream_the_final_answer_is_plain_JSON()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await SendAsync(Body(Sales, Question), eventStream: false, cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cts.Token));
        Assert.Equal(Sales, answer.RootElement.GetProperty("space_id").GetString());
        Assert.Equal("region_name", answer.RootElement.GetProperty("result").GetProperty("columns")[0].GetProperty("name").GetString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Bad_input_is_a_plain_400_in_both_modes_and_nothing_reaches_Databricks(bool eventStream)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        foreach (var body in new[] { "{\"space_id\":\"../x\",\"question\":\"hi\"}", "{\"space_id\":\"" + Sales + "\"}", "not json", "{\"space_id\":\"" + Sales + "\",\"question\":\"" + new string('q', 2001) + "\"}" })
        {
            using var response = await SendAsync(body, eventStream, cts.Token);
            await Problem.AssertAsync(response, HttpStatusCode.BadRequest, GenieErrorCodes.InvalidRequest, cts.Token);
        }
        Assert.Equal(0, (await Stack.Emulator.CallsAsync(cts.Token)).Total);
    }

    [Fact]
    public async Task A_failed_message_is_an_error_event_with_the_problem_in_sse_and_a_502_in_JSON_mode()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Stack.Emulator.InjectMessageFaultAsync(new EmulatorMessageFault { SpaceId = Sales, Status = EmulatorMessageFault.Failed, ErrorType = "WAREHOUSE_ACCESS_MISSING_EXCEPTION", Error = "No access to the warehouse.", Times = 2 }, cts.Token);

        using (var response = await SendAsync(Body(Sales, Question), eventStream: true, cts.Token))
        {
            var events = await new SseReader(await response.Content.ReadAsStreamAsync(cts.Token)).ReadEventsAsync(cts.Token);
            Assert.Equal("error", events[^1].Event);
            Assert.Equal("FAILED", JsonDocument.Parse(events[^2].Data).RootElement.GetProperty("status").GetString());
            using var problem = JsonDocument.Parse(events[^1].Data);
            Assert.Equal(502, problem.RootElement.GetProperty("status").GetInt32());
            Assert.Equal(GenieErrorCodes.GenieFailed, problem.RootElement.GetProperty("code").GetString());
            Assert.Contains("WAREHOUSE_ACCESS_MISSING_EXCEPTION", problem.RootElement.GetProperty("detail").GetString());
            Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("requestId").GetString()));
        }
        using (var response = await SendAsync(Body(Sales, Question), eventStream: false, cts.Token))
        {
            await Problem.AssertAsync(response, HttpStatusCode.BadGateway, GenieErrorCodes.GenieFailed, cts.Token);
        }
    }

    [Fact]
    public async Task A_keep_alive_comment_is_sent_while_Genie_works()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Stack.Emulator.InjectMessageFaultAsync(new EmulatorMessageFault { SpaceId = Sales, StepMs = 1500, Times = 1 }, cts.Token);

        using var response = await SendAsync(Body(Sales, Question), eventStream: true, cts.Token);
        var reader = new SseReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var events = await reader.ReadEventsAsync(cts.Token);

        Assert.Equal("answer", events[^1].Event);
        Assert.Contains(": keep-alive", reader.RawLines);
    }

    [Fact]
    public async Task A_caller_that_goes_away_cancels_the_ask_upstream_within_2_s()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Stack.Emulator.InjectMessageFaultAsync(new EmulatorMessageFault { SpaceId = Sales, StepMs = 60_000, Times = 1 }, cts.Token);
        var requestId = "gone-" + Guid.NewGuid().ToString("N");
        // A browser's abort closes the connection; HttpClient would first drain the response for up to 2 s to reuse it.
        using var browserLike = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0, UseProxy = false }) { BaseAddress = Http.BaseAddress };

        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/genie/ask") { Content = new StringContent(Body(Sales, Question), Encoding.UTF8, "application/json") })
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            request.Headers.Add("X-Request-Id", requestId);
            using var response = await browserLike.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            var reader = new SseReader(await response.Content.ReadAsStreamAsync(cts.Token));
            var first = await reader.NextAsync(cts.Token);
            while (first is { IsComment: true })
            {
                first = await reader.NextAsync(cts.Token);
            }
            Assert.Equal("status", first?.Event);
        } // the caller goes away: the response is disposed mid-stream
        var gone = System.Diagnostics.Stopwatch.StartNew();

        var line = $"genie.ask request {requestId}";
        while (!Stack.ResponderOutput.Split('\n').Any(l => l.Contains(line, StringComparison.Ordinal) && l.Contains(GenieErrorCodes.AskCancelled, StringComparison.Ordinal)))
        {
            Assert.True(gone.Elapsed < TimeSpan.FromSeconds(2), "the responder did not stop the ask within 2 s:\n" + Stack.ResponderOutput + "\nBRIDGE:\n" + Stack.Bridge.Process.Output);
            await Task.Delay(50, cts.Token);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string body, bool eventStream, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/genie/ask") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (eventStream)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        }
        return await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private static string Body(string spaceId, string question) => JsonSerializer.Serialize(new { space_id = spaceId, question });
}

/// <summary>No responder: 503 at once, before any stream.</summary>
public sealed class AskWithoutResponderTests
{
    [Fact]
    public async Task No_responder_is_503_at_once_in_sse_mode_too()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var stack = await GenieStack.StartAsync(new GenieStackOptions { Bridge = true, Responders = 0 }, cts.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/genie/ask")
        {
            Content = new StringContent("{\"space_id\":\"01f0eca3dc1b1cbc9b65fa58f94c18ad\",\"question\":\"Revenue?\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var response = await stack.Bridge.Client.SendAsync(request, cts.Token);
        watch.Stop();

        await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable, GenieErrorCodes.ServiceUnavailable, cts.Token);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed.TotalMilliseconds:0} ms");
    }
}
