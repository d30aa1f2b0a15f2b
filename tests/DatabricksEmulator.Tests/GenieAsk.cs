using System.Net;
using System.Text.Json;

namespace GenieCanvas.DatabricksEmulator.Tests;

/// <summary>Asking the emulated Genie as a client does: start (or follow up), then poll until a terminal status.</summary>
public static class GenieAsk
{
    public static readonly string[] Terminal = ["COMPLETED", "FAILED", "CANCELLED", "QUERY_RESULT_EXPIRED"];

    public static string Space(string spaceId) => "/api/2.0/genie/spaces/" + spaceId;

    public static string MessagePath(string spaceId, string conversationId, string messageId) =>
        $"{Space(spaceId)}/conversations/{conversationId}/messages/{messageId}";

    /// <summary>Starts a conversation; returns (conversation id, message id, the start answer).</summary>
    public static async Task<(string ConversationId, string MessageId, JsonElement Start)> StartAsync(
        EmulatorFixture fixture, string spaceId, string question, CancellationToken ct)
    {
        var (response, body) = await fixture.PostAsync(Space(spaceId) + "/start-conversation", new { content = question }, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (body.GetProperty("conversation_id").GetString()!, body.GetProperty("message_id").GetString()!, body);
    }

    /// <summary>Polls the message every 20 ms until it is terminal; returns it and every status seen, in order.</summary>
    public static async Task<(JsonElement Message, List<string> Seen)> PollAsync(
        EmulatorFixture fixture, string spaceId, string conversationId, string messageId, CancellationToken ct)
    {
        var seen = new List<string>();
        while (true)
        {
            var (response, message) = await fixture.GetAsync(MessagePath(spaceId, conversationId, messageId), ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var status = message.GetProperty("status").GetString()!;
            if (seen.Count == 0 || seen[^1] != status)
            {
                seen.Add(status);
            }
            if (Terminal.Contains(status))
            {
                return (message, seen);
            }
            await Task.Delay(20, ct);
        }
    }

    public static async Task<JsonElement> AskAsync(EmulatorFixture fixture, string spaceId, string question, CancellationToken ct)
    {
        var (conversationId, messageId, _) = await StartAsync(fixture, spaceId, question, ct);
        return (await PollAsync(fixture, spaceId, conversationId, messageId, ct)).Message;
    }

    /// <summary>The attachment holding <paramref name="kind"/> (query, text, suggested_questions), or null.</summary>
    public static JsonElement? Attachment(JsonElement message, string kind) =>
        message.TryGetProperty("attachments", out var list)
            ? list.EnumerateArray().Where(a => a.TryGetProperty(kind, out _)).Select(a => (JsonElement?)a).FirstOrDefault()
            : null;

    public static string QueryResultPath(JsonElement message) =>
        MessagePath(message.GetProperty("space_id").GetString()!, message.GetProperty("conversation_id").GetString()!,
            message.GetProperty("message_id").GetString()!)
        + "/attachments/" + Attachment(message, "query")!.Value.GetProperty("attachment_id").GetString() + "/query-result";
}
