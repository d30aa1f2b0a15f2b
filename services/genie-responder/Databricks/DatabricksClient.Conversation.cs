using System.Text.Json.Nodes;
using GenieCanvas.Responder.Bus;

namespace GenieCanvas.Responder.Databricks;

/// <summary>
/// The Genie Conversation API calls of <c>genie.ask</c> (DATABRICKS.md §3). A 429 is not retried here: the ask waits
/// out <c>Retry-After</c> itself, so it can tell its caller (a RATE_LIMITED status event).
/// </summary>
public sealed partial class DatabricksClient
{
    /// <summary>A query result may hold 5,000 rows: read up to this much of it (the answer is capped again before the bus).</summary>
    public const int MaxQueryResultBytes = 32 * 1024 * 1024;

    /// <summary><c>POST …/spaces/{id}/start-conversation</c> <c>{"content"}</c> → <c>{conversation_id, message_id, message}</c>.</summary>
    public Task<(JsonObject Json, int Status)> StartConversationAsync(string spaceId, string question, RequestDeadline deadline) =>
        SendJsonAsync(Post($"{Conversations(spaceId)}/start-conversation", Space(spaceId), new JsonObject { ["content"] = question }), deadline);

    /// <summary><c>POST …/conversations/{cid}/messages</c> <c>{"content"}</c> → the new GenieMessage.</summary>
    public Task<(JsonObject Json, int Status)> CreateMessageAsync(string spaceId, string conversationId, string question, RequestDeadline deadline) =>
        SendJsonAsync(Post($"{Conversations(spaceId)}/conversations/{Uri.EscapeDataString(conversationId)}/messages",
            Conversation(spaceId, conversationId), new JsonObject { ["content"] = question }), deadline);

    /// <summary><c>GET …/conversations/{cid}/messages/{mid}</c>: the message with its status and attachments.</summary>
    public Task<(JsonObject Json, int Status)> GetMessageAsync(string spaceId, string conversationId, string messageId, RequestDeadline deadline) =>
        SendJsonAsync(new Call(HttpMethod.Get, Message(spaceId, conversationId, messageId), Conversation(spaceId, conversationId), CallerHandlesRateLimit: true), deadline);

    /// <summary><c>GET …/messages/{mid}/attachments/{aid}/query-result</c> → <c>{"statement_response": …}</c>.</summary>
    public Task<(JsonObject Json, int Status)> GetQueryResultAsync(string spaceId, string conversationId, string messageId, string attachmentId, RequestDeadline deadline) =>
        SendJsonAsync(new Call(HttpMethod.Get, $"{Message(spaceId, conversationId, messageId)}/attachments/{Uri.EscapeDataString(attachmentId)}/query-result",
            Conversation(spaceId, conversationId), MaxBytes: MaxQueryResultBytes, CallerHandlesRateLimit: true), deadline);

    /// <summary><c>POST …/attachments/{aid}/execute-query</c>: re-runs an expired query → <c>{"statement_response": …}</c>.</summary>
    public Task<(JsonObject Json, int Status)> ExecuteQueryAsync(string spaceId, string conversationId, string messageId, string attachmentId, RequestDeadline deadline) =>
        SendJsonAsync(Post($"{Message(spaceId, conversationId, messageId)}/attachments/{Uri.EscapeDataString(attachmentId)}/execute-query",
            Conversation(spaceId, conversationId), new JsonObject(), MaxQueryResultBytes), deadline);

    private static string Conversation(string spaceId, string conversationId) => $"conversation '{conversationId}' of Genie space '{spaceId}'";

    private static string Conversations(string spaceId) => $"api/2.0/genie/spaces/{Uri.EscapeDataString(spaceId)}";

    private static string Message(string spaceId, string conversationId, string messageId) =>
        $"{Conversations(spaceId)}/conversations/{Uri.EscapeDataString(conversationId)}/messages/{Uri.EscapeDataString(messageId)}";

    private static Call Post(string path, string what, JsonObject body, int maxBytes = MaxBodyBytes) =>
        new(HttpMethod.Post, path, what, body, maxBytes, CallerHandlesRateLimit: true);
}
