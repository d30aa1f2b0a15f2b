using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace GenieCanvas.Contracts;

/// <summary>
/// Body of a <c>genie.ask</c> request (and of <c>POST /api/genie/ask</c>): a question to a Genie space, optionally a
/// follow-up in an existing conversation. <see cref="TryValidate"/> is the one rule, for the bridge and the responder.
/// </summary>
public sealed record AskRequest(
    [property: JsonPropertyName("space_id")] string? SpaceId,
    [property: JsonPropertyName("question")] string? Question,
    [property: JsonPropertyName("conversation_id")] string? ConversationId = null)
{
    public const int MaxQuestionLength = 2000;

    /// <summary>A valid space id, a question of 1–2,000 characters without control characters (tab and line breaks
    /// are allowed), and a conversation id, when given, under the id rule (<see cref="SpaceId"/>'s characters).</summary>
    public bool TryValidate([NotNullWhen(false)] out string? problem)
    {
        if (!Contracts.SpaceId.TryValidate(SpaceId, out problem))
        {
            return false;
        }
        if (string.IsNullOrWhiteSpace(Question))
        {
            problem = "question is required: the question to ask Genie, e.g. {\"space_id\": \"…\", \"question\": \"What was revenue last month?\"}.";
            return false;
        }
        if (Question.Length > MaxQuestionLength)
        {
            problem = $"question is {Question.Length} characters long; at most {MaxQuestionLength} are allowed.";
            return false;
        }
        if (Question.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
        {
            problem = "question may not contain control characters.";
            return false;
        }
        if (ConversationId is not null && !Contracts.SpaceId.TryValidate(ConversationId, out var idProblem))
        {
            problem = idProblem.Replace("space_id", "conversation_id", StringComparison.Ordinal);
            return false;
        }
        problem = null;
        return true;
    }
}
