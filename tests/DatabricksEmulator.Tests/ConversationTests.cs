using System.Globalization;
using System.Net;
using System.Text.Json;
using GenieCanvas.Testing;
using static GenieCanvas.DatabricksEmulator.Tests.GenieAsk;

namespace GenieCanvas.DatabricksEmulator.Tests;

public sealed class ConversationTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string Sales = EmulatorProcess.SalesSpaceId;
    private const string RevenueByRegion = "What was total revenue last quarter by region?";

    private async Task<CancellationToken> ResetAsync(CancellationTokenSource cts, int stepMs = 40)
    {
        await fixture.Emulator.ResetAsync(cts.Token);
        await fixture.Emulator.SetGenieStepAsync(stepMs, cts.Token);
        return cts.Token;
    }

    [Fact]
    public async Task A_sample_question_walks_the_statuses_and_completes_with_SQL_and_a_computed_result()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ct = await ResetAsync(cts, stepMs: 250);

        var (conversationId, messageId, start) = await StartAsync(fixture, Sales, RevenueByRegion, ct);
        var (message, seen) = await PollAsync(fixture, Sales, conversationId, messageId, ct);

        // GenieStartConversationResponse
        Assert.Equal(conversationId, start.GetProperty("conversation").GetProperty("conversation_id").GetString());
        Assert.Equal(Sales, start.GetProperty("conversation").GetProperty("space_id").GetString());
        Assert.Equal(messageId, start.GetProperty("message").GetProperty("message_id").GetString());
        Assert.Equal("SUBMITTED", start.GetProperty("message").GetProperty("status").GetString());
        // The statuses come in Genie's order and end COMPLETED.
        string[] order = ["SUBMITTED", "FETCHING_METADATA", "ASKING_AI", "EXECUTING_QUERY", "COMPLETED"];
        Assert.Equal(seen.OrderBy(s => Array.IndexOf(order, s)), seen);
        Assert.All(seen, s => Assert.Contains(s, order));
        Assert.True(seen.Count >= 3, string.Join(",", seen));
        // GenieMessage
        Assert.Equal(RevenueByRegion, message.GetProperty("content").GetString());
        Assert.Equal(messageId, message.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Number, message.GetProperty("created_timestamp").ValueKind);
        Assert.True(message.GetProperty("last_updated_timestamp").GetInt64() > message.GetProperty("created_timestamp").GetInt64());
        var query = Attachment(message, "query")!.Value.GetProperty("query");
        Assert.Contains("FROM main.sales.orders", query.GetProperty("query").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(query.GetProperty("statement_id").GetString()));
        Assert.False(string.IsNullOrEmpty(query.GetProperty("title").GetString()));
        Assert.Equal(4, query.GetProperty("query_result_metadata").GetProperty("row_count").GetInt32());
        var text = Attachment(message, "text")!.Value.GetProperty("text");
        Assert.Equal("TEXT_ATTACHMENT_PURPOSE_ANSWER", text.GetProperty("purpose").GetString());
        Assert.True(Attachment(message, "suggested_questions")!.Value.GetProperty("suggested_questions").GetProperty("questions").GetArrayLength() > 0);

        var (response, result) = await fixture.GetAsync(QueryResultPath(message), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var statement = result.GetProperty("statement_response");
        Assert.Equal(query.GetProperty("statement_id").GetString(), statement.GetProperty("statement_id").GetString());
        Assert.Equal("SUCCEEDED", statement.GetProperty("status").GetProperty("state").GetString());
        var columns = statement.GetProperty("manifest").GetProperty("schema").GetProperty("columns").EnumerateArray().ToList();
        Assert.Equal(["region_name", "revenue", "orders"], columns.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal([0, 1, 2], columns.Select(c => c.GetProperty("position").GetInt32()));
        Assert.Equal(["STRING", "DOUBLE", "LONG"], columns.Select(c => c.GetProperty("type_name").GetString()));
        Assert.Equal(["string", "double", "bigint"], columns.Select(c => c.GetProperty("type_text").GetString()));
        Assert.Equal(3, statement.GetProperty("manifest").GetProperty("schema").GetProperty("column_count").GetInt32());
        var rows = statement.GetProperty("result").GetProperty("data_array").EnumerateArray().ToList();
        Assert.Equal(4, statement.GetProperty("manifest").GetProperty("total_row_count").GetInt32());
        Assert.Equal(4, rows.Count);
        Assert.All(rows.SelectMany(r => r.EnumerateArray()), v => Assert.Equal(JsonValueKind.String, v.ValueKind));
        // Computed, not canned: four distinct regions, revenue in descending order, as the SQL's ORDER BY says.
        Assert.Equal(4, rows.Select(r => r[0].GetString()).Distinct().Count());
        var revenue = rows.Select(r => double.Parse(r[1].GetString()!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(revenue.OrderByDescending(v => v), revenue);
        Assert.All(revenue, v => Assert.True(v > 0));
    }

    [Fact]
    public async Task Every_sample_question_of_every_fixture_space_is_answered_from_its_own_tables()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ct = await ResetAsync(cts, stepMs: 1);
        var (_, list) = await fixture.GetAsync("/api/2.0/genie/spaces", ct);
        var asked = 0;
        foreach (var item in list.GetProperty("spaces").EnumerateArray())
        {
            var spaceId = item.GetProperty("space_id").GetString()!;
            var (_, space) = await fixture.GetAsync(Space(spaceId) + "?include_serialized_space=true", ct);
            using var serialized = JsonDocument.Parse(space.GetProperty("serialized_space").GetString()!);
            var tables = serialized.RootElement.GetProperty("data_sources").GetProperty("tables").EnumerateArray()
                .Select(t => t.GetProperty("identifier").GetString()!).ToList();
            foreach (var sample in serialized.RootElement.GetProperty("config").GetProperty("sample_questions").EnumerateArray())
            {
                var question = sample.GetProperty("question")[0].GetString()!;
                var message = await AskAsync(fixture, spaceId, question, ct);
                Assert.True(message.GetProperty("status").GetString() == "COMPLETED", $"{spaceId} '{question}': {message}");
                var sql = Attachment(message, "query")!.Value.GetProperty("query").GetProperty("query").GetString()!;
                Assert.Contains(tables, t => sql.Contains(t, StringComparison.Ordinal));
                var (_, result) = await fixture.GetAsync(QueryResultPath(message), ct);
                Assert.True(result.GetProperty("statement_response").GetProperty("result").GetProperty("row_count").GetInt32() > 0, question);
                asked++;
            }
        }
        Assert.True(asked >= 20, $"asked {asked}");
    }

    [Fact]
    public async Task Another_question_gets_a_FOLLOW_UP_QUESTION_saying_what_the_space_can_answer_and_follow_ups_share_the_conversation()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ct = await ResetAsync(cts);
        var (conversationId, firstId, _) = await StartAsync(fixture, Sales, "What is the weather in Paris?", ct);
        var (first, _) = await PollAsync(fixture, Sales, conversationId, firstId, ct);

        var (followUpResponse, followUp) = await fixture.PostAsync(
            Space(Sales) + $"/conversations/{conversationId}/messages", new { content = "what is the AVERAGE order value by sales channel" }, ct);
        var (second, _) = await PollAsync(fixture, Sales, conversationId, followUp.GetProperty("message_id").GetString()!, ct);

        Assert.Equal("COMPLETED", first.GetProperty("status").GetString());
        Assert.Null(Attachment(first, "query"));
        var text = Attachment(first, "text")!.Value.GetProperty("text");
        Assert.Equal("FOLLOW_UP_QUESTION", text.GetProperty("purpose").GetString());
        Assert.Contains("What was total revenue last quarter by region?", text.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains("main.sales.orders", text.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.True(Attachment(first, "suggested_questions")!.Value.GetProperty("suggested_questions").GetProperty("questions").GetArrayLength() > 0);
        Assert.Equal(HttpStatusCode.OK, followUpResponse.StatusCode);
        Assert.Equal(conversationId, followUp.GetProperty("conversation_id").GetString());
        Assert.Equal("SUBMITTED", followUp.GetProperty("status").GetString());
        Assert.Equal("COMPLETED", second.GetProperty("status").GetString());
        Assert.Contains("AVG(total_amount)", Attachment(second, "query")!.Value.GetProperty("query").GetProperty("query").GetString(), StringComparison.Ordinal);
        // The first message is still there.
        Assert.Equal(HttpStatusCode.OK, (await fixture.GetAsync(MessagePath(Sales, conversationId, firstId), ct)).Response.StatusCode);
    }

    [Fact]
    public async Task A_FAILED_fault_ends_the_message_with_its_error_type_and_message()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ct = await ResetAsync(cts);
        await fixture.Emulator.InjectMessageFaultAsync(new EmulatorMessageFault
        {
            SpaceId = Sales, Status = EmulatorMessageFault.Failed, ErrorType = "WAREHOUSE_NOT_FOUND_EXCEPTION",
            Error = "The warehouse of this space was deleted.", Times = 1,
        }, ct);

        var failed = await AskAsync(fixture, Sales, RevenueByRegion, ct);
        var after = await AskAsync(fixture, Sales, RevenueByRegion, ct);

        Assert.Equal("FAILED", failed.GetProperty("status").GetString());
        Assert.Equal("WAREHOUSE_NOT_FOUND_EXCEPTION", failed.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("The warehouse of this space was deleted.", failed.GetProperty("error").GetProperty("error").GetString());
        Assert.Null(Attachment(failed, "query"));
        Assert.Equal("COMPLETED", after.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_CANCELLED_fault_ends_the_message_CANCELLED_without_attachments()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ct = await ResetAsync(cts);
        await fixture.Emulator.InjectMessageFaultAsync(new EmulatorMessageFault { Status = EmulatorMessageFault.Cancelled, Times = 1 }, ct);

        var cancelled = await AskAsync(fixture, Sales, RevenueByRegion, ct);

        Assert.Equal("CANCELLED", cancelled.GetProperty("status").GetString());
        Assert.False(cancelled.TryGetProperty("attachments", out _));
        Assert.False(cancelled.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task An_expired_result_is_CLOSED_until_execute_query_runs_it_again()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ct = await ResetAsync(cts);
        await fixture.Emulator.InjectMessageFaultAsync(new EmulatorMessageFault { SpaceId = Sales, Status = EmulatorMessageFault.QueryResultExpired, Times = 1 }, ct);

        var expired = await AskAsync(fixture, Sales, RevenueByRegion, ct);
        var resultPath = QueryResultPath(expired);
        var (_, closed) = await fixture.GetAsync(resultPath, ct);
        var (executeResponse, executed) = await fixture.SendAsync(HttpMethod.Post, resultPath.Replace("/query-result", "/execute-query", StringComparison.Ordinal), "{}", ct);
        var (_, again) = await fixture.GetAsync(resultPath, ct);
        var (_, message) = await fixture.GetAsync(MessagePath(Sales, expired.GetProperty("conversation_id").GetString()!, expired.GetProperty("message_id").GetString()!), ct);

        Assert.Equal("QUERY_RESULT_EXPIRED", expired.GetProperty("status").GetString());
        Assert.Equal("CLOSED", closed.GetProperty("statement_response").GetProperty("status").GetProperty("state").GetString());
        Assert.False(closed.GetProperty("statement_response").TryGetProperty("result", out _));
        Assert.Equal(HttpStatusCode.OK, executeResponse.StatusCode);
        var statement = executed.GetProperty("statement_response");
        Assert.Equal("SUCCEEDED", statement.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal(4, statement.GetProperty("result").GetProperty("data_array").GetArrayLength());
        Assert.NotEqual(closed.GetProperty("statement_response").GetProperty("statement_id").GetString(), statement.GetProperty("statement_id").GetString());
        Assert.Equal("SUCCEEDED", again.GetProperty("statement_response").GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("COMPLETED", message.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_429_fault_on_POST_throttles_starting_with_Retry_After_while_polls_pass()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ct = await ResetAsync(cts);
        var (conversationId, messageId, _) = await StartAsync(fixture, Sales, RevenueByRegion, ct);
        await fixture.Emulator.InjectFaultAsync(new EmulatorFault
        {
            SpaceId = Sales, Method = "POST", Status = 429, RetryAfter = "2", Times = 2,
            Message = "RESOURCE_EXHAUSTED: Too many requests for the Genie conversation API.",
        }, ct);

        var (throttled, body) = await fixture.PostAsync(Space(Sales) + "/start-conversation", new { content = RevenueByRegion }, ct);
        var (throttledFollowUp, _) = await fixture.PostAsync(Space(Sales) + $"/conversations/{conversationId}/messages", new { content = "x" }, ct);
        var (poll, _) = await fixture.GetAsync(MessagePath(Sales, conversationId, messageId), ct);
        var (third, _) = await fixture.PostAsync(Space(Sales) + "/start-conversation", new { content = RevenueByRegion }, ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("REQUEST_LIMIT_EXCEEDED", body.GetProperty("error_code").GetString());
        Assert.Equal("2", throttled.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.TooManyRequests, throttledFollowUp.StatusCode);
        Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task A_slow_fault_and_the_step_setting_set_how_long_an_answer_takes()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ct = await ResetAsync(cts, stepMs: 1);
        await fixture.Emulator.InjectMessageFaultAsync(new EmulatorMessageFault { StepMs = 60_000, Times = 1 }, ct);

        var (slowConversation, slowMessage, _) = await StartAsync(fixture, Sales, RevenueByRegion, ct);
        var fast = await AskAsync(fixture, Sales, RevenueByRegion, ct);
        var (_, slow) = await fixture.GetAsync(MessagePath(Sales, slowConversation, slowMessage), ct);
        var settings = await fixture.Emulator.RuntimeSettingsAsync(ct);

        Assert.Equal("COMPLETED", fast.GetProperty("status").GetString());
        Assert.Equal("SUBMITTED", slow.GetProperty("status").GetString());
        Assert.Equal(1, settings.GenieStepMs);
    }

    [Fact]
    public async Task Reset_returns_the_step_to_its_start_value_and_bad_settings_are_refused()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ct = await ResetAsync(cts, stepMs: 7);
        using var bad = await fixture.Http.PatchAsync("/_emulator/settings",
            new StringContent("""{"genie_step_ms": 0}""", System.Text.Encoding.UTF8, "application/json"), ct);
        using var unknown = await fixture.Http.PatchAsync("/_emulator/settings",
            new StringContent("""{"genie_steps": 10}""", System.Text.Encoding.UTF8, "application/json"), ct);
        using var badFault = await fixture.Http.PostAsync("/_emulator/genie/faults",
            new StringContent("""{"status": "COMPLETED"}""", System.Text.Encoding.UTF8, "application/json"), ct);
        var before = await fixture.Emulator.RuntimeSettingsAsync(ct);
        await fixture.Emulator.ResetAsync(ct);
        var after = await fixture.Emulator.RuntimeSettingsAsync(ct);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("genie_step_ms", await bad.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFault.StatusCode);
        Assert.Contains("FAILED, CANCELLED or QUERY_RESULT_EXPIRED", await badFault.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(7, before.GenieStepMs);
        Assert.Equal(500, after.GenieStepMs);
    }

    [Fact]
    public async Task Bad_requests_get_Databricks_errors_and_every_call_is_counted_by_route_and_space()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ct = await ResetAsync(cts);
        var (conversationId, messageId, _) = await StartAsync(fixture, Sales, RevenueByRegion, ct);

        var unknownSpace = await fixture.PostAsync(Space("01f0000000000000000000000000dead") + "/start-conversation", new { content = "hi" }, ct);
        var noContent = await fixture.PostAsync(Space(Sales) + "/start-conversation", new { text = "hi" }, ct);
        var malformed = await fixture.SendAsync(HttpMethod.Post, Space(Sales) + "/start-conversation", "{not json", ct);
        var unknownConversation = await fixture.GetAsync(MessagePath(Sales, "01f1000000000000000000000000beef", messageId), ct);
        var otherSpace = await fixture.GetAsync(MessagePath("01f0a7a327cd11978f2951f81a61bfdd", conversationId, messageId), ct);
        var unknownAttachment = await fixture.GetAsync(MessagePath(Sales, conversationId, messageId) + "/attachments/nope/query-result", ct);
        var noToken = await fixture.SendAsync(HttpMethod.Post, Space(Sales) + "/start-conversation", """{"content":"hi"}""", ct, token: null);
        var calls = await fixture.Emulator.CallsAsync(ct);

        Assert.Equal((HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST"), (unknownSpace.Response.StatusCode, unknownSpace.Body.GetProperty("error_code").GetString()));
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE"), (noContent.Response.StatusCode, noContent.Body.GetProperty("error_code").GetString()));
        Assert.Equal((HttpStatusCode.BadRequest, "MALFORMED_REQUEST"), (malformed.Response.StatusCode, malformed.Body.GetProperty("error_code").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, unknownConversation.Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherSpace.Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownAttachment.Response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.Response.StatusCode);
        Assert.Equal(5, calls.ForRoute("POST /api/2.0/genie/spaces/{id}/start-conversation"));
        Assert.Equal(2, calls.ForRoute("GET /api/2.0/genie/spaces/{id}/conversations/{conversationId}/messages/{messageId}"));
        Assert.Equal(6, calls.ForSpace(Sales));
        Assert.Equal(4, calls.ForPath(Space(Sales) + "/start-conversation"));
    }

    [Fact]
    public async Task The_query_attachment_appears_at_EXECUTING_QUERY_with_a_RUNNING_result_and_not_before()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ct = await ResetAsync(cts, stepMs: 1000);
        var (conversationId, messageId, start) = await StartAsync(fixture, Sales, RevenueByRegion, ct);
        var path = MessagePath(Sales, conversationId, messageId);

        var (_, early) = await fixture.GetAsync(path, ct);
        JsonElement running;
        do
        {
            await Task.Delay(50, ct);
            (_, running) = await fixture.GetAsync(path, ct);
        }
        while (running.GetProperty("status").GetString() is "SUBMITTED" or "FETCHING_METADATA" or "ASKING_AI");
        var (resultResponse, result) = await fixture.GetAsync(QueryResultPath(running), ct);

        Assert.NotEqual("EXECUTING_QUERY", early.GetProperty("status").GetString());
        Assert.False(early.TryGetProperty("attachments", out _));
        Assert.Equal("EXECUTING_QUERY", running.GetProperty("status").GetString());
        var query = Attachment(running, "query")!.Value.GetProperty("query");
        Assert.False(query.TryGetProperty("query_result_metadata", out _));
        Assert.Equal(HttpStatusCode.OK, resultResponse.StatusCode);
        Assert.Equal("RUNNING", result.GetProperty("statement_response").GetProperty("status").GetProperty("state").GetString());
        Assert.False(result.GetProperty("statement_response").TryGetProperty("result", out _));
        var (executeEarly, executeEarlyBody) = await fixture.SendAsync(HttpMethod.Post,
            QueryResultPath(running).Replace("/query-result", "/execute-query", StringComparison.Ordinal), "{}", ct);
        Assert.True(executeEarly.StatusCode == HttpStatusCode.BadRequest
                && executeEarlyBody.GetProperty("error_code").GetString() == "INVALID_STATE"
            || executeEarly.StatusCode == HttpStatusCode.OK, // the step ended between the two calls
            $"{executeEarly.StatusCode} {executeEarlyBody}");
        Assert.Equal("SUBMITTED", start.GetProperty("message").GetProperty("status").GetString());
    }
}
