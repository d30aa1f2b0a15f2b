using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenieCanvas.DatabricksEmulator.Sql;

namespace GenieCanvas.DatabricksEmulator.Genie;

/// <summary>
/// The Genie conversation shapes of databricks-sdk-py service/dashboards.py: GenieMessage, GenieConversation,
/// GenieStartConversationResponse, and the statement_response of query-result (service/sql.py).
/// </summary>
public static class MessageJson
{
    /// <summary>The user every emulated message belongs to (user_id is an integer in the SDK).</summary>
    public const long UserId = 6_051_921_418_418_893L;

    private static readonly JsonSerializerOptions Json = new() { Encoder = EmulatorJsonContext.Encoder };

    public static string Write(JsonNode node) => node.ToJsonString(Json);

    public static JsonObject Conversation(GenieConversation c) => new()
    {
        ["space_id"] = c.SpaceId,
        ["title"] = c.Title,
        ["conversation_id"] = c.ConversationId,
        ["id"] = c.ConversationId,
        ["created_timestamp"] = c.CreatedMs,
        ["last_updated_timestamp"] = c.CreatedMs,
        ["user_id"] = UserId,
    };

    public static JsonObject Message(GenieMessage m, DateTimeOffset now)
    {
        var (status, since) = m.StatusAt(now);
        var message = new JsonObject
        {
            ["message_id"] = m.MessageId,
            ["id"] = m.MessageId,
            ["space_id"] = m.SpaceId,
            ["conversation_id"] = m.ConversationId,
            ["content"] = m.Content,
            ["status"] = status,
            ["created_timestamp"] = m.Created.ToUnixTimeMilliseconds(),
            ["last_updated_timestamp"] = since.ToUnixTimeMilliseconds(),
            ["user_id"] = UserId,
        };
        var attachments = Attachments(m, status, since);
        if (attachments.Count > 0)
        {
            message["attachments"] = attachments;
        }
        if (status == "FAILED")
        {
            var (_, sqlError, _, _) = m.Execution;
            message["error"] = sqlError is not null && m.FaultStatus is null
                ? new JsonObject { ["error"] = $"[SQL_EXECUTION] {sqlError}", ["type"] = "SQL_EXECUTION_EXCEPTION" }
                : new JsonObject
                {
                    ["error"] = m.Error ?? "Genie could not answer this question. Please try again.",
                    ["type"] = m.ErrorType ?? "GENERIC_CHAT_COMPLETION_SERVICE_EXCEPTION",
                };
        }
        return message;
    }

    /// <summary>Whether the message shows its query attachment at this status (from EXECUTING_QUERY on).</summary>
    public static bool ShowsQuery(GenieMessage m, string status) =>
        m.Answer is not null && m.FaultStatus is not (Faults.MessageFaults.Failed or Faults.MessageFaults.Cancelled)
        && status is "EXECUTING_QUERY" or "COMPLETED" or "QUERY_RESULT_EXPIRED" or "FAILED";

    /// <summary>
    /// <c>{"statement_response": {statement_id, status, manifest, result}}</c>. While the query runs: state RUNNING and
    /// no rows; after QUERY_RESULT_EXPIRED: state CLOSED (re-run it with execute-query); a SQL error: FAILED.
    /// </summary>
    public static JsonObject StatementResponse(GenieMessage m, string status)
    {
        var (result, sqlError, statementId, expired) = m.Execution;
        var response = new JsonObject { ["statement_id"] = statementId };
        if (status == "EXECUTING_QUERY")
        {
            response["status"] = new JsonObject { ["state"] = "RUNNING" };
        }
        else if (expired)
        {
            response["status"] = new JsonObject { ["state"] = "CLOSED" };
        }
        else if (sqlError is not null || result is null)
        {
            response["status"] = new JsonObject
            {
                ["state"] = "FAILED",
                ["error"] = new JsonObject { ["error_code"] = "BAD_REQUEST", ["message"] = sqlError ?? "The statement has no result." },
            };
        }
        else
        {
            response["status"] = new JsonObject { ["state"] = "SUCCEEDED" };
            response["manifest"] = Manifest(result);
            response["result"] = ResultData(result);
        }
        return new JsonObject { ["statement_response"] = response };
    }

    private static JsonArray Attachments(GenieMessage m, string status, DateTimeOffset since)
    {
        var list = new JsonArray();
        var done = status is "COMPLETED" or "QUERY_RESULT_EXPIRED";
        if (m.Answer is { } answer && ShowsQuery(m, status))
        {
            var (result, _, statementId, _) = m.Execution;
            var query = new JsonObject
            {
                ["id"] = m.QueryAttachmentId,
                ["title"] = answer.Title,
                ["description"] = answer.Description,
                ["query"] = answer.Sql,
                ["statement_id"] = statementId,
                ["last_updated_timestamp"] = since.ToUnixTimeMilliseconds(),
            };
            if (done && result is not null)
            {
                query["query_result_metadata"] = new JsonObject { ["row_count"] = result.Rows.Count, ["is_truncated"] = result.Truncated };
            }
            list.Add(new JsonObject { ["attachment_id"] = m.QueryAttachmentId, ["query"] = query });
            if (done && result is not null)
            {
                list.Add(Text(m.TextAttachmentId, Summary(answer, result), "TEXT_ATTACHMENT_PURPOSE_ANSWER"));
            }
        }
        else if (m.Answer is null && status == "COMPLETED")
        {
            list.Add(Text(m.TextAttachmentId, m.FollowUpText, "FOLLOW_UP_QUESTION"));
        }
        if (done && m.Suggestions.Count > 0)
        {
            list.Add(new JsonObject
            {
                ["attachment_id"] = m.SuggestionsAttachmentId,
                ["suggested_questions"] = new JsonObject { ["questions"] = new JsonArray([.. m.Suggestions.Select(q => (JsonNode)q)]) },
            });
        }
        return list;
    }

    private static JsonObject Text(string id, string content, string purpose) => new()
    {
        ["attachment_id"] = id,
        ["text"] = new JsonObject { ["id"] = id, ["content"] = content, ["purpose"] = purpose },
    };

    /// <summary>A one-line answer computed from the result, as Genie's summary would read.</summary>
    private static string Summary(Answer answer, StatementResult result)
    {
        if (result.Rows.Count == 0)
        {
            return $"{answer.Description} No rows matched.";
        }
        var first = result.Rows[0];
        var cells = result.Columns.Take(3).Select(c => $"{c.Name} {first[c.Position] ?? "null"}");
        var rows = result.Rows.Count == 1 ? "1 row" : $"{result.Rows.Count.ToString(CultureInfo.InvariantCulture)} rows";
        return $"{answer.Description} The result has {rows}; the first is {string.Join(", ", cells)}.";
    }

    private static JsonObject Manifest(StatementResult result)
    {
        var columns = new JsonArray();
        foreach (var c in result.Columns)
        {
            columns.Add(new JsonObject { ["name"] = c.Name, ["position"] = c.Position, ["type_name"] = c.TypeName, ["type_text"] = c.TypeText });
        }
        return new JsonObject
        {
            ["format"] = "JSON_ARRAY",
            ["schema"] = new JsonObject { ["column_count"] = result.Columns.Count, ["columns"] = columns },
            ["total_row_count"] = result.Rows.Count,
            ["total_chunk_count"] = 1,
            ["chunks"] = new JsonArray(new JsonObject { ["chunk_index"] = 0, ["row_offset"] = 0, ["row_count"] = result.Rows.Count }),
            ["truncated"] = result.Truncated,
        };
    }

    private static JsonObject ResultData(StatementResult result)
    {
        var rows = new JsonArray();
        foreach (var row in result.Rows)
        {
            rows.Add(new JsonArray([.. row.Select(v => (JsonNode?)v)]));
        }
        return new JsonObject { ["chunk_index"] = 0, ["row_offset"] = 0, ["row_count"] = result.Rows.Count, ["data_array"] = rows };
    }
}
