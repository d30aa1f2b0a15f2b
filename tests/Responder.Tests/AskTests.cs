namespace GenieCanvas.Responder.Tests;

/// <summary>genie.ask against the emulated Genie: the stream's shape, every terminal status, follow-ups, the row cap, validation.</summary>
[Collection(AskCollection.Name)]
public sealed class AskTests(AskFixture fixture) : IAsyncLifetime
{
    private const string Sales = EmulatorProcess.SalesSpaceId;
    private const string RevenueByRegion = "What was total revenue last quarter by region?";

    private ResponderStack Stack => fixture.Stack;

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Stack.Emulator.ResetAsync(cts.Token);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_sample_question_streams_each_status_change_then_the_answer_with_sql_and_capped_rows_then_ends()
    {
        var (events, ended) = await Stack.Bus.AskAsync(AskClient.Question(Sales, RevenueByRegion));

        Assert.True(ended, "no end-of-stream message");
        Assert.Equal("answer", events[^1].Event);
        Assert.All(events[..^1], e => Assert.Equal("status", e.Event));
        var statuses = events[..^1].Select(e => e.Status!).ToList();
        Assert.True(statuses.Count >= 2, "statuses: " + string.Join(",", statuses));
        Assert.Equal("COMPLETED", statuses[^1]);
        for (var i = 1; i < statuses.Count; i++)
        {
            Assert.NotEqual(statuses[i - 1], statuses[i]);
        }

        var answer = events[^1].Json;
        var conversationId = answer.GetProperty("conversation_id").GetString();
        var messageId = answer.GetProperty("message_id").GetString();
        Assert.All(events[..^1], e =>
        {
            Assert.Equal(conversationId, e.Json.GetProperty("conversation_id").GetString());
            Assert.Equal(messageId, e.Json.GetProperty("message_id").GetString());
        });
        Assert.Equal(Sales, answer.GetProperty("space_id").GetString());
        Assert.Equal("COMPLETED", answer.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(answer.GetProperty("text").GetString()));
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("follow_up_question").ValueKind);
        var query = answer.GetProperty("query");
        Assert.Contains("SUM(o.total_amount)", query.GetProperty("sql").GetString());
        Assert.Equal("Revenue by region, Q3 2026", query.GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(query.GetProperty("statement_id").GetString()));

        var result = answer.GetProperty("result");
        var columns = result.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["region_name", "revenue", "orders"], columns);
        Assert.False(string.IsNullOrEmpty(result.GetProperty("columns")[1].GetProperty("type").GetString()));
        var rows = result.GetProperty("rows");
        var total = result.GetProperty("row_count").GetInt64();
        Assert.True(total > AskFixture.MaxRows, $"the demo answer has {total} rows; the cap test needs more than {AskFixture.MaxRows}");
        Assert.Equal(AskFixture.MaxRows, rows.GetArrayLength());
        Assert.True(result.GetProperty("truncated").GetBoolean());
        // Databricks' data_array values: strings (numbers too) or null.
        Assert.All(rows.EnumerateArray().SelectMany(r => r.EnumerateArray()), v => Assert.Contains(v.ValueKind, new[] { JsonValueKind.String, JsonValueKind.Null }));
        Assert.True(answer.GetProperty("suggested_questions").GetArrayLength() > 0);
    }

    [Fact]
    public async Task A_follow_up_continues_the_same_conversation()
    {
        var (first, _) = await Stack.Bus.AskAsync(AskClient.Question(Sales, RevenueByRegion));
        var conversationId = first[^1].Json.GetProperty("conversation_id").GetString()!;

        var (second, ended) = await Stack.Bus.AskAsync(AskClient.Question(Sales, "What is the average order value by sales channel?", conversationId));

        Assert.True(ended);
        Assert.Equal("answer", second[^1].Event);
        var answer = second[^1].Json;
        Assert.Equal(conversationId, answer.GetProperty("conversation_id").GetString());
        Assert.NotEqual(first[^1].Json.GetProperty("message_id").GetString(), answer.GetProperty("message_id").GetString());
        Assert.Contains("channel", answer.GetProperty("query").GetProperty("sql").GetString());
        Assert.Equal(conversationId, second[0].Json.GetProperty("conversation_id").GetString());
    }

    [Fact]
    public async Task A_question_Genie_cannot_answer_gets_its_follow_up_question_and_no_query()
    {
        var (events, _) = await Stack.Bus.AskAsync(AskClient.Question(Sales, "What is the weather on Mars?"));

        var answer = events[^1].Json;
        Assert.Equal("answer", events[^1].Event);
        Assert.False(string.IsNullOrWhiteSpace(answer.GetProperty("follow_up_question").GetString()));
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("query").ValueKind);
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("result").ValueKind);
    }

    [Theory]
    [InlineData(EmulatorMessageFault.Failed, "WAREHOUSE_NOT_FOUND_EXCEPTION", "The SQL warehouse was deleted.")]
    [InlineData(EmulatorMessageFault.Cancelled, null, null)]
    public async Task Failed_or_cancelled_ends_with_GENIE_FAILED_naming_the_status_and_Genies_error(string status, string? type, string? error)
    {
        await Stack.Emulator.InjectMessageFaultAsync(new EmulatorMessageFault { SpaceId = Sales, Status = status, ErrorType = type, Error = error, Times = 1 });

        var (events, ended) = await Stack.Bus.AskAsync(AskClient.Question(Sales, RevenueByRegion));

        Assert.True(ended);
        var last = events[^1];
        Assert.Equal("error", last.Event);
        Assert.Equal(502, last.ErrorStatus);
        Assert.Equal(GenieErrorCodes.GenieFailed, last.ErrorCode);
        Assert.Contains(status, last.ErrorText);
        if (type is not null)
        {
            Assert.Contains(type, last.ErrorText);
            Assert.Contains(error!, last.ErrorText);
        }
        Assert.Equal(status, events[^2].Status);
    }

    [Fact]
    public async Task An_expired_result_is_run_again_once_and_answered()
    {
        await Stack.Emulator.InjectMessageFaultAsync(new EmulatorMessageFault { SpaceId = Sales, Status = EmulatorMessageFault.QueryResultExpired, Times = 1 });

        var (events, _) = await Stack.Bus.AskAsync(AskClient.Question(Sales, RevenueByRegion));

        Assert.Equal("QUERY_RESULT_EXPIRED", events[^2].Status);
        Assert.Equal("answer", events[^1].Event);
        Assert.Equal(AskFixture.MaxRows, events[^1].Json.GetProperty("result").GetProperty("rows").GetArrayLength());
        var calls = await Stack.Emulator.CallsAsync();
        Assert.Equal(1, calls.ByPath.Where(p => p.Key.EndsWith("/execute-query", StringComparison.Ordinal)).Sum(p => p.Value));
    }

    [Fact]
    public async Task A_rate_limited_start_is_waited_out_with_a_RATE_LIMITED_event()
    {
        await Stack.Emulator.InjectFaultAsync(new EmulatorFault { SpaceId = Sales, Method = "POST", Status = 429, RetryAfter = "1", Times = 1 });

        var (events, _) = await Stack.Bus.AskAsync(AskClient.Question(Sales, RevenueByRegion));

        var limited = Assert.Single(events, e => e.Status == AskStatusEvent.RateLimited);
        Assert.Equal(1, limited.Json.GetProperty("retry_after").GetInt32());
        Assert.Equal(events[0], limited);
        Assert.Equal("answer", events[^1].Event);
        Assert.True(events[^1].At >= TimeSpan.FromSeconds(0.9), "answered before the Retry-After was over");
    }

    [Fact]
    public async Task A_rate_limit_longer_than_the_budget_is_429_RATE_LIMITED_at_once()
    {
        await Stack.Emulator.InjectFaultAsync(new EmulatorFault { SpaceId = Sales, Method = "POST", Status = 429, RetryAfter = "600", Times = 1 });

        var (events, ended) = await Stack.Bus.AskAsync(AskClient.Question(Sales, RevenueByRegion));

        Assert.True(ended);
        var error = Assert.Single(events);
        Assert.Equal("error", error.Event);
        Assert.Equal(429, error.ErrorStatus);
        Assert.Equal(GenieErrorCodes.RateLimited, error.ErrorCode);
        Assert.Equal("600", error.Headers![GenieHeaders.RetryAfter].ToString());
        Assert.True(error.At < TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"question\":\"Revenue?\"}")]
    [InlineData("{\"space_id\":\"../etc\",\"question\":\"Revenue?\"}")]
    [InlineData("{\"space_id\":\"01f0eca3dc1b1cbc9b65fa58f94c18ad\"}")]
    [InlineData("{\"space_id\":\"01f0eca3dc1b1cbc9b65fa58f94c18ad\",\"question\":\"   \"}")]
    [InlineData("{\"space_id\":\"01f0eca3dc1b1cbc9b65fa58f94c18ad\",\"question\":\"bell\\u0007\"}")]
    [InlineData("{\"space_id\":\"01f0eca3dc1b1cbc9b65fa58f94c18ad\",\"question\":\"Revenue?\",\"conversation_id\":\"a/b\"}")]
    public async Task Bad_input_is_400_INVALID_REQUEST_and_nothing_reaches_Databricks(string body)
    {
        var (events, ended) = await Stack.Bus.AskAsync(Encoding.UTF8.GetBytes(body));

        Assert.True(ended);
        var error = Assert.Single(events);
        Assert.Equal("error", error.Event);
        Assert.Equal(400, error.ErrorStatus);
        Assert.Equal(GenieErrorCodes.InvalidRequest, error.ErrorCode);
        Assert.Equal(0, (await Stack.Emulator.CallsAsync()).Total);
    }

    [Fact]
    public async Task A_question_over_2000_characters_is_refused()
    {
        var (events, _) = await Stack.Bus.AskAsync(AskClient.Question(Sales, new string('x', 2001)));

        Assert.Equal(GenieErrorCodes.InvalidRequest, Assert.Single(events).ErrorCode);
        Assert.Contains("2000", events[0].ErrorText);
    }

    [Fact]
    public async Task A_cancel_from_the_caller_stops_the_polling_within_2_s()
    {
        await Stack.Emulator.InjectMessageFaultAsync(new EmulatorMessageFault { SpaceId = Sales, StepMs = 60_000, Times = 1 });
        var requestId = "cancel-" + RequestId.New();
        var cancelledAt = TimeSpan.Zero;
        string? messagePath = null;

        var (events, ended) = await Stack.Bus.AskAsync(AskClient.Question(Sales, RevenueByRegion), requestId, onEvent: async e =>
        {
            if (e.Event == "status" && messagePath is null)
            {
                messagePath = $"/api/2.0/genie/spaces/{Sales}/conversations/{e.Json.GetProperty("conversation_id").GetString()}/messages/{e.Json.GetProperty("message_id").GetString()}";
                // Let it poll for a while, then go away.
                await Task.Delay(1500);
                cancelledAt = e.At + TimeSpan.FromMilliseconds(1500);
                await Stack.Bus.PublishCancelAsync(requestId);
            }
        });

        Assert.True(ended, "the stream did not end after the cancel");
        Assert.Equal(GenieErrorCodes.AskCancelled, events[^1].ErrorCode);
        Assert.True(events[^1].At - cancelledAt < TimeSpan.FromSeconds(2), $"the ask ended {(events[^1].At - cancelledAt).TotalMilliseconds:0} ms after the cancel");
        var polls = (await Stack.Emulator.CallsAsync()).ForPath(messagePath!);
        Assert.True(polls >= 1, "the ask never polled");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(polls, (await Stack.Emulator.CallsAsync()).ForPath(messagePath!));
    }

    [Fact]
    public async Task Fifty_asks_polling_do_not_delay_gets()
    {
        await Stack.Emulator.InjectMessageFaultAsync(new EmulatorMessageFault { SpaceId = Sales, StepMs = 2000, Times = 50 });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var accepted = 0;
        var asks = Enumerable.Range(0, 50).Select(_ => Stack.Bus.AskAsync(AskClient.Question(Sales, RevenueByRegion), onEvent: e =>
        {
            if (e.Event == "status" && e.Status == "SUBMITTED")
            {
                Interlocked.Increment(ref accepted);
            }
            return Task.CompletedTask;
        })).ToList();
        while (Volatile.Read(ref accepted) < 50)
        {
            await Task.Delay(20, cts.Token);
        }

        var slowest = TimeSpan.Zero;
        for (var i = 0; i < 20; i++)
        {
            var watch = Stopwatch.StartNew();
            var reply = await Stack.Bus.GetSpaceAsync(Sales);
            watch.Stop();
            Assert.Equal(200, reply.Status);
            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
        }
        Assert.DoesNotContain(asks, a => a.IsCompleted); // the gets ran while all 50 asks were still polling
        Assert.True(slowest < TimeSpan.FromSeconds(1), $"a get took {slowest.TotalMilliseconds:0} ms while 50 asks polled");

        var results = await Task.WhenAll(asks);
        Assert.All(results, r => Assert.Equal("answer", r.Events[^1].Event));
    }
}
