using System.Text.Json.Serialization;

namespace GenieCanvas.Contracts;

/// <summary>
/// A <c>status</c> event of <c>genie.ask</c>: Genie's message status after each change (SUBMITTED, FETCHING_METADATA,
/// ASKING_AI, EXECUTING_QUERY, …), or <c>RATE_LIMITED</c> with <see cref="RetryAfter"/> seconds while the responder
/// waits out a 429. The ids are those of the final answer (absent only before Genie accepted the question).
/// </summary>
public sealed record AskStatusEvent(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("conversation_id")] string? ConversationId,
    [property: JsonPropertyName("message_id")] string? MessageId,
    [property: JsonPropertyName("retry_after")] int? RetryAfter = null)
{
    public const string RateLimited = "RATE_LIMITED";
}
