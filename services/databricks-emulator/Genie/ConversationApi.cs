using System.Text.Json;
using System.Text.Json.Nodes;
using GenieCanvas.DatabricksEmulator.Admin;
using GenieCanvas.DatabricksEmulator.Databricks;
using GenieCanvas.DatabricksEmulator.Faults;
using GenieCanvas.DatabricksEmulator.Fixture;
using GenieCanvas.DatabricksEmulator.Sql;

namespace GenieCanvas.DatabricksEmulator.Genie;

/// <summary>
/// The Genie Conversation API (DATABRICKS.md §3): start a conversation, follow up, poll a message, read and re-run a
/// query result. The space id route value is <c>{id}</c>, so calls are counted and faulted per space like the get paths.
/// </summary>
public static class ConversationApi
{
    public const int MaxContentLength = 10_000;

    public static WebApplication MapConversationApi(this WebApplication app)
    {
        var space = app.MapGroup("/api/2.0/genie/spaces/{id}");
        space.MapPost("/start-conversation", StartConversationAsync).WithName("GenieStartConversation");
        space.MapPost("/conversations/{conversationId}/messages", CreateMessageAsync).WithName("GenieCreateMessage");
        space.MapGet("/conversations/{conversationId}/messages/{messageId}", GetMessage).WithName("GenieGetMessage");
        space.MapGet("/conversations/{conversationId}/messages/{messageId}/attachments/{attachmentId}/query-result", GetQueryResult)
            .WithName("GenieGetMessageAttachmentQueryResult");
        space.MapPost("/conversations/{conversationId}/messages/{messageId}/attachments/{attachmentId}/execute-query", ExecuteQuery)
            .WithName("GenieExecuteMessageAttachmentQuery");
        return app;
    }

    private static async Task<IResult> StartConversationAsync(string id, HttpRequest request, GenieEngine genie)
    {
        if (!genie.Catalog.TryGet(id, out var space))
        {
            return SpaceNotFound(id);
        }
        var (content, problem) = await ReadContentAsync(request);
        if (problem is not null)
        {
            return problem;
        }
        var now = genie.Time.GetUtcNow();
        var conversation = new GenieConversation(id, Ids.Genie(), Title(content!), now.ToUnixTimeMilliseconds());
        var message = genie.NewMessage(space, conversation.ConversationId, content!, now);
        conversation.Add(message);
        genie.Conversations.Add(conversation);
        return Json(new JsonObject
        {
            ["conversation_id"] = conversation.ConversationId,
            ["message_id"] = message.MessageId,
            ["conversation"] = MessageJson.Conversation(conversation),
            ["message"] = MessageJson.Message(message, now),
        });
    }

    private static async Task<IResult> CreateMessageAsync(string id, string conversationId, HttpRequest request, GenieEngine genie)
    {
        if (!genie.Catalog.TryGet(id, out var space))
        {
            return SpaceNotFound(id);
        }
        if (genie.Conversations.Find(id, conversationId) is not { } conversation)
        {
            return ConversationNotFound(conversationId);
        }
        var (content, problem) = await ReadContentAsync(request);
        if (problem is not null)
        {
            return problem;
        }
        var now = genie.Time.GetUtcNow();
        var message = genie.NewMessage(space, conversationId, content!, now);
        conversation.Add(message);
        return Json(MessageJson.Message(message, now));
    }

    private static IResult GetMessage(string id, string conversationId, string messageId, GenieEngine genie) =>
        genie.Find(id, conversationId, messageId, out var message) is { } notFound
            ? notFound
            : Json(MessageJson.Message(message, genie.Time.GetUtcNow()));

    private static IResult GetQueryResult(string id, string conversationId, string messageId, string attachmentId, GenieEngine genie)
    {
        if (genie.Find(id, conversationId, messageId, out var message) is { } notFound)
        {
            return notFound;
        }
        var status = message.StatusAt(genie.Time.GetUtcNow()).Status;
        return attachmentId == message.QueryAttachmentId && MessageJson.ShowsQuery(message, status)
            ? Json(MessageJson.StatementResponse(message, status))
            : AttachmentNotFound(attachmentId, messageId);
    }

    private static IResult ExecuteQuery(string id, string conversationId, string messageId, string attachmentId, GenieEngine genie)
    {
        if (genie.Find(id, conversationId, messageId, out var message) is { } notFound)
        {
            return notFound;
        }
        var status = message.StatusAt(genie.Time.GetUtcNow()).Status;
        if (attachmentId != message.QueryAttachmentId || !MessageJson.ShowsQuery(message, status))
        {
            return AttachmentNotFound(attachmentId, messageId);
        }
        if (status is not ("COMPLETED" or "QUERY_RESULT_EXPIRED" or "FAILED"))
        {
            return DatabricksErrors.Result(StatusCodes.Status400BadRequest, "INVALID_STATE",
                $"Message {messageId} is {status}; its query can be executed again once the message has finished.");
        }
        message.Reexecute(genie.Warehouse);
        return Json(MessageJson.StatementResponse(message, message.StatusAt(genie.Time.GetUtcNow()).Status));
    }

    private static async Task<(string? Content, IResult? Problem)> ReadContentAsync(HttpRequest request)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            return (null, DatabricksErrors.Result(StatusCodes.Status400BadRequest, DatabricksErrors.MalformedRequest,
                $"Could not parse request object: {e.Message}"));
        }
        if (body is not JsonObject o || o["content"] is not JsonValue v || !v.TryGetValue<string>(out var content) || content.Trim().Length == 0)
        {
            return (null, InvalidParameter("content is required: the question to ask, e.g. {\"content\": \"What was revenue last month?\"}."));
        }
        if (content.Length > MaxContentLength)
        {
            return (null, InvalidParameter($"content must be at most {MaxContentLength} characters; got {content.Length}."));
        }
        return (content, null);
    }

    private static string Title(string content) => content.Length <= 100 ? content : content[..100];

    private static IResult Json(JsonNode body) => Results.Text(MessageJson.Write(body), "application/json");

    private static IResult SpaceNotFound(string id) => DatabricksErrors.Result(
        StatusCodes.Status404NotFound, DatabricksErrors.ResourceDoesNotExist, DatabricksErrors.SpaceNotFound(id));

    internal static IResult ConversationNotFound(string conversationId) => DatabricksErrors.Result(
        StatusCodes.Status404NotFound, DatabricksErrors.ResourceDoesNotExist, $"Conversation {conversationId} does not exist.");

    internal static IResult MessageNotFound(string messageId) => DatabricksErrors.Result(
        StatusCodes.Status404NotFound, DatabricksErrors.ResourceDoesNotExist, $"Message {messageId} does not exist.");

    private static IResult AttachmentNotFound(string attachmentId, string messageId) => DatabricksErrors.Result(
        StatusCodes.Status404NotFound, DatabricksErrors.ResourceDoesNotExist,
        $"Query attachment {attachmentId} does not exist on message {messageId} (or its query has not started yet).");

    private static IResult InvalidParameter(string message) => DatabricksErrors.Result(
        StatusCodes.Status400BadRequest, DatabricksErrors.InvalidParameterValue, message);
}
