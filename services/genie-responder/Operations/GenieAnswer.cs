using System.Text.Json;
using System.Text.Json.Nodes;
using GenieCanvas.Contracts;

namespace GenieCanvas.Responder.Operations;

/// <summary>
/// Reads what <c>genie.ask</c> needs out of Genie's shapes (DATABRICKS.md §3): a GenieMessage's attachments (text,
/// FOLLOW_UP_QUESTION text, query, suggested questions) and a query result's <c>statement_response</c>, and builds the
/// <see cref="AskAnswer"/>, capped to a row limit and to the bus's payload limit.
/// </summary>
public static class GenieAnswer
{
    public const string FollowUpPurpose = "FOLLOW_UP_QUESTION";

    // Plain escaping: the answer is JSON for programs and people (SQL reads 'a' >= 1, not \u0027a\u0027 \u003E= 1).
    private static readonly GenieJsonContext Json = new(new JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    });

    /// <summary>The query attachment's id and its query, or null when Genie wrote no SQL.</summary>
    public static (string AttachmentId, JsonObject Query)? FindQuery(JsonObject message)
    {
        foreach (var attachment in Attachments(message))
        {
            if (attachment["query"] is JsonObject query
                && (Text(attachment["attachment_id"]) ?? Text(query["id"])) is { Length: > 0 } id)
            {
                return (id, query);
            }
        }
        return null;
    }

    /// <summary>The state of a <c>{"statement_response"}</c>: SUCCEEDED, PENDING, RUNNING, FAILED, CANCELED, CLOSED.</summary>
    public static string? StatementState(JsonObject result) => Text(result["statement_response"]?["status"]?["state"]);

    public static string? StatementError(JsonObject result) => Text(result["statement_response"]?["status"]?["error"]?["message"]);

    /// <summary>The answer, from the completed message and (when it has a query) its SUCCEEDED statement.</summary>
    public static AskAnswer Build(string spaceId, string conversationId, string messageId, JsonObject message, JsonObject? statement, int maxRows)
    {
        var texts = new List<string>();
        string? followUp = null;
        var suggestions = new List<string>();
        foreach (var attachment in Attachments(message))
        {
            if (attachment["text"] is JsonObject text && Text(text["content"]) is { Length: > 0 } content)
            {
                if (Text(text["purpose"]) == FollowUpPurpose)
                {
                    followUp ??= content;
                }
                else
                {
                    texts.Add(content);
                }
            }
            if (attachment["suggested_questions"]?["questions"] is JsonArray questions)
            {
                suggestions.AddRange(questions.Select(Text).OfType<string>().Where(q => q.Length > 0));
            }
        }
        AskQuery? query = null;
        if (FindQuery(message) is var (_, sql) && Text(sql["query"]) is { } sqlText)
        {
            query = new AskQuery(sqlText, Text(sql["description"]), Text(sql["title"]), Text(sql["statement_id"]));
        }
        var result = statement?["statement_response"] is JsonObject response ? Result(response, maxRows) : null;
        return new AskAnswer(spaceId, conversationId, messageId, "COMPLETED",
            texts.Count > 0 ? string.Join("\n\n", texts) : null, followUp, query, result, suggestions);
    }

    /// <summary>
    /// The answer as bytes of at most <paramref name="limit"/>: rows are dropped (from the end, <c>truncated: true</c>)
    /// until it fits. Null when even no rows do not fit (the caller answers 502).
    /// </summary>
    public static byte[]? Serialize(AskAnswer answer, int limit)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(answer, Json.AskAnswer);
        while (bytes.Length > limit && answer.Result is { Rows.Count: > 0 } result)
        {
            // Scale the rows to the limit (with 10 % to spare), at least halving so the loop ends quickly.
            var keep = (int)Math.Min(result.Rows.Count / 2, (long)result.Rows.Count * limit / bytes.Length * 9 / 10);
            answer = answer with { Result = result with { Rows = [.. result.Rows.Take(keep)], Truncated = true } };
            bytes = JsonSerializer.SerializeToUtf8Bytes(answer, Json.AskAnswer);
        }
        return bytes.Length <= limit ? bytes : null;
    }

    private static AskResult Result(JsonObject response, int maxRows)
    {
        var columns = new List<AskColumn>();
        if (response["manifest"]?["schema"]?["columns"] is JsonArray schema)
        {
            foreach (var column in schema.OfType<JsonObject>())
            {
                columns.Add(new AskColumn(Text(column["name"]) ?? string.Empty, Text(column["type_name"]), Text(column["type_text"])));
            }
        }
        var data = response["result"]?["data_array"] as JsonArray ?? [];
        var rows = new List<IReadOnlyList<string?>>(Math.Min(data.Count, maxRows));
        foreach (var row in data.Take(maxRows))
        {
            rows.Add(row is JsonArray cells ? [.. cells.Select(Cell)] : []);
        }
        var total = response["manifest"]?["total_row_count"] is JsonValue count && count.TryGetValue<long>(out var n) ? n : data.Count;
        var upstreamTruncated = response["manifest"]?["truncated"] is JsonValue t && t.TryGetValue<bool>(out var flag) && flag;
        return new AskResult(columns, rows, Math.Max(total, data.Count), upstreamTruncated || rows.Count < Math.Max(total, data.Count));
    }

    /// <summary>Databricks sends every value as a string or null; anything else is passed on as its JSON text.</summary>
    private static string? Cell(JsonNode? cell) => cell switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => cell.ToJsonString(),
    };

    private static IEnumerable<JsonObject> Attachments(JsonObject message) =>
        message["attachments"] is JsonArray list ? list.OfType<JsonObject>() : [];

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
