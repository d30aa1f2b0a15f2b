using System.Text.Json;
using System.Text.Json.Nodes;
using GenieCanvas.Contracts;
using GenieCanvas.Responder.Bus;
using GenieCanvas.Responder.Databricks;
using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace GenieCanvas.Responder.Operations;

/// <summary>
/// <c>genie.ask</c>, a streamed operation: read and validate the question → start a conversation (or post a follow-up)
/// → poll the message with growing, jittered intervals (0.5 s → 5 s; no thread is held while waiting), sending a
/// <c>status</c> event on every change → on a terminal status build the answer (COMPLETED; QUERY_RESULT_EXPIRED: the
/// query is re-run once with execute-query and its result read again) or the error (FAILED / CANCELLED →
/// GENIE_FAILED). A 429 is waited out (Retry-After) while the budget allows, with a RATE_LIMITED status event. All of
/// it within <see cref="ResponderOptions.AskBudget"/>; the dispatcher sends the final message and the end-of-stream.
/// </summary>
public sealed class AskGenie(DatabricksClient databricks, NatsConnection nats, IOptions<ResponderOptions> options, TimeProvider time) : IBusOperation
{
    private const string Example = "{\"space_id\": \"<id>\", \"question\": \"What was revenue last month?\", \"conversation_id\": \"<optional>\"}";
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(5);

    // Kept back at the end of the budget for the last call and the reply, so the ask ends with ASK_TIMEOUT, not a cut call.
    private static readonly TimeSpan Reserve = TimeSpan.FromSeconds(1);

    // Room for the headers of the final message within the bus's max_payload.
    private const int HeaderRoom = 4096;

    public BusEndpoint Endpoint { get; } = new(GenieSubjects.ServiceName, GenieSubjects.AskEndpoint, GenieSubjects.Ask,
        Streamed: true, Budget: options.Value.AskBudget);

    public async Task<Outcome> HandleAsync(BusRequest request)
    {
        if (!BusJson.TryRead(request.Body.Span, GenieJsonContext.Default.AskRequest, Example, out var ask, out var problem))
        {
            return Outcome.Invalid(problem);
        }
        if (!ask!.TryValidate(out problem))
        {
            return Outcome.Invalid(problem);
        }
        request.Describe($"the question to Genie space '{ask.SpaceId}'", $"space {ask.SpaceId}");
        var run = new Run(request, ask.SpaceId!);

        // Start: a new conversation, or a message in the given one. The answer holds the message and its first status.
        JsonObject message;
        if (ask.ConversationId is null)
        {
            var (started, _) = await WithRateLimitAsync(run, () => databricks.StartConversationAsync(run.SpaceId, ask.Question!, request.Deadline));
            message = started["message"] as JsonObject ?? new JsonObject();
            run.ConversationId = Text(started["conversation_id"]) ?? Text(message["conversation_id"]);
            run.MessageId = Text(started["message_id"]) ?? Text(message["message_id"]) ?? Text(message["id"]);
        }
        else
        {
            (message, _) = await WithRateLimitAsync(run, () => databricks.CreateMessageAsync(run.SpaceId, ask.ConversationId, ask.Question!, request.Deadline));
            run.ConversationId = Text(message["conversation_id"]) ?? ask.ConversationId;
            run.MessageId = Text(message["message_id"]) ?? Text(message["id"]);
        }
        if (run.ConversationId is null || run.MessageId is null)
        {
            return Outcome.Error(GenieErrorCodes.UpstreamError, $"Genie accepted {request.Target} but its answer names no conversation or message id.");
        }

        // Poll until a terminal status, each change an event.
        var interval = FirstPoll;
        while (true)
        {
            var status = Text(message["status"]) ?? "SUBMITTED";
            await run.SendStatusAsync(status);
            switch (status)
            {
                case "COMPLETED":
                    return await AnswerAsync(run, message, expired: false);
                case "QUERY_RESULT_EXPIRED":
                    return await AnswerAsync(run, message, expired: true);
                case "FAILED" or "CANCELLED":
                    return GenieFailed(status, message["error"]);
            }
            if (!await WaitAsync(run, interval))
            {
                return AskTimedOut(run, status);
            }
            interval = TimeSpan.FromTicks(Math.Min(LongestPoll.Ticks, (long)(interval.Ticks * 1.5)));
            (message, _) = await WithRateLimitAsync(run, () => databricks.GetMessageAsync(run.SpaceId, run.ConversationId, run.MessageId, request.Deadline));
        }
    }

    /// <summary>COMPLETED (or expired): read the query's result (re-running it once if it expired), then the answer.</summary>
    private async Task<Outcome> AnswerAsync(Run run, JsonObject message, bool expired)
    {
        JsonObject? statement = null;
        if (GenieAnswer.FindQuery(message) is var (attachmentId, _))
        {
            var deadline = run.Request.Deadline;
            var rerun = expired;
            statement = expired
                ? (await WithRateLimitAsync(run, () => databricks.ExecuteQueryAsync(run.SpaceId, run.ConversationId!, run.MessageId!, attachmentId, deadline))).Json
                : (await WithRateLimitAsync(run, () => databricks.GetQueryResultAsync(run.SpaceId, run.ConversationId!, run.MessageId!, attachmentId, deadline))).Json;
            var interval = FirstPoll;
            while (GenieAnswer.StatementState(statement) is var state && state != "SUCCEEDED")
            {
                if (state is "CLOSED" && !rerun)
                {
                    // The result expired between the message and this read: re-run it once.
                    rerun = true;
                    statement = (await WithRateLimitAsync(run, () => databricks.ExecuteQueryAsync(run.SpaceId, run.ConversationId!, run.MessageId!, attachmentId, deadline))).Json;
                    continue;
                }
                if (state is not ("PENDING" or "RUNNING"))
                {
                    var why = GenieAnswer.StatementError(statement) is { } error ? $": {error}" : ".";
                    return Outcome.Error(GenieErrorCodes.GenieFailed, rerun
                        ? $"Genie's query result had expired; it was run again, but ended {state ?? "without a state"}{why}"
                        : $"Genie wrote the query, but its result could not be read (statement {state ?? "without a state"}){why}");
                }
                if (!await WaitAsync(run, interval))
                {
                    return AskTimedOut(run, "EXECUTING_QUERY");
                }
                interval = TimeSpan.FromTicks(Math.Min(LongestPoll.Ticks, (long)(interval.Ticks * 1.5)));
                statement = (await WithRateLimitAsync(run, () => databricks.GetQueryResultAsync(run.SpaceId, run.ConversationId!, run.MessageId!, attachmentId, deadline))).Json;
            }
        }
        var answer = GenieAnswer.Build(run.SpaceId, run.ConversationId!, run.MessageId!, message, statement, options.Value.AskMaxRows);
        var limit = (int)Math.Min(int.MaxValue, nats.ServerInfo?.MaxPayload ?? 1024 * 1024) - HeaderRoom;
        return GenieAnswer.Serialize(answer, limit) is { } bytes
            ? Outcome.Ok(bytes, 200)
            : Outcome.Error(GenieErrorCodes.UpstreamError, $"Genie's answer to {run.Request.Target} is larger than the bus's limit of {limit + HeaderRoom} bytes even without rows; raise max_payload in the nats-server config.");
    }

    /// <summary>
    /// One Conversation API call; a 429 is waited out as Retry-After says (a RATE_LIMITED event first) while the
    /// budget allows, else it is the answer (429 RATE_LIMITED with retry_after_seconds).
    /// </summary>
    private async Task<(JsonObject Json, int Status)> WithRateLimitAsync(Run run, Func<Task<(JsonObject Json, int Status)>> call)
    {
        while (true)
        {
            try
            {
                return await call();
            }
            catch (OutcomeException e) when (e.Outcome.Code == GenieErrorCodes.RateLimited)
            {
                var seconds = e.Outcome.RetryAfterSeconds ?? 1;
                if (run.Request.Deadline.Remaining - Reserve < TimeSpan.FromSeconds(seconds))
                {
                    throw;
                }
                await run.SendStatusAsync(AskStatusEvent.RateLimited, seconds);
                await Task.Delay(TimeSpan.FromSeconds(seconds), time, run.Request.Cancellation);
            }
        }
    }

    /// <summary>Waits about <paramref name="interval"/> (±20 % jitter), never past the budget's reserve; false when no time is left.</summary>
    private async Task<bool> WaitAsync(Run run, TimeSpan interval)
    {
        var left = run.Request.Deadline.Remaining - Reserve;
        if (left <= TimeSpan.Zero)
        {
            return false;
        }
        var wait = interval * (0.8 + (0.4 * Random.Shared.NextDouble()));
        await Task.Delay(wait < left ? wait : left, time, run.Request.Cancellation);
        return true;
    }

    private static Outcome GenieFailed(string status, JsonNode? error)
    {
        var type = Text(error?["type"]);
        var text = Text(error?["error"]);
        var said = (type, text) switch
        {
            (not null, not null) => $" ({type}: {text})",
            (not null, null) => $" ({type})",
            (null, not null) => $" ({text})",
            _ => string.Empty,
        };
        return Outcome.Error(GenieErrorCodes.GenieFailed, $"Genie ended the message {status}{said}.");
    }

    private static Outcome AskTimedOut(Run run, string status) => Outcome.Error(GenieErrorCodes.AskTimeout,
        $"Genie was still working ({status}) on {run.Request.Target} when the ask budget of {run.Request.Deadline.Budget.TotalSeconds:0.#} s ran out (conversation {run.ConversationId}, message {run.MessageId}).");

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>One ask's state: its ids once Genie accepted the question, and the last status sent.</summary>
    private sealed class Run(BusRequest request, string spaceId)
    {
        private string? _lastStatus;

        public BusRequest Request => request;

        public string SpaceId => spaceId;

        public string? ConversationId { get; set; }

        public string? MessageId { get; set; }

        /// <summary>A status event, unless it repeats the last one (DESIGN.md: no two consecutive events with the same status).</summary>
        public async ValueTask SendStatusAsync(string status, int? retryAfter = null)
        {
            if (status == _lastStatus)
            {
                return;
            }
            _lastStatus = status;
            var body = JsonSerializer.SerializeToUtf8Bytes(new AskStatusEvent(status, ConversationId, MessageId, retryAfter), GenieJsonContext.Default.AskStatusEvent);
            await request.SendEventAsync("status", body);
        }
    }
}
