using System.Text.Json.Serialization;

namespace GenieCanvas.Contracts;

/// <summary>The final <c>answer</c> (nulls are written: <c>"query": null</c> when Genie wrote no SQL) of <c>genie.ask</c> (DESIGN.md v2), also the JSON-mode body of <c>POST /api/genie/ask</c>.</summary>
public sealed record AskAnswer(
    [property: JsonPropertyName("space_id")] string SpaceId,
    [property: JsonPropertyName("conversation_id")] string ConversationId,
    [property: JsonPropertyName("message_id")] string MessageId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("text"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Text,
    [property: JsonPropertyName("follow_up_question"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FollowUpQuestion,
    [property: JsonPropertyName("query"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] AskQuery? Query,
    [property: JsonPropertyName("result"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] AskResult? Result,
    [property: JsonPropertyName("suggested_questions")] IReadOnlyList<string> SuggestedQuestions);

/// <summary>The SQL Genie wrote.</summary>
public sealed record AskQuery(
    [property: JsonPropertyName("sql")] string Sql,
    [property: JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Description,
    [property: JsonPropertyName("title"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Title,
    [property: JsonPropertyName("statement_id"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? StatementId);

/// <summary>
/// The query's result: Databricks' columns (<c>type_name</c>, and <c>type_text</c>) and <c>data_array</c> rows as they
/// came (strings or null), at most <c>Responder__AskMaxRows</c> of them and under the bus's max_payload
/// (<see cref="Truncated"/> then true); <see cref="RowCount"/> is the true total.
/// </summary>
public sealed record AskResult(
    [property: JsonPropertyName("columns")] IReadOnlyList<AskColumn> Columns,
    [property: JsonPropertyName("rows")] IReadOnlyList<IReadOnlyList<string?>> Rows,
    [property: JsonPropertyName("row_count")] long RowCount,
    [property: JsonPropertyName("truncated")] bool Truncated);

public sealed record AskColumn(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("type_text")] string? TypeText = null);
