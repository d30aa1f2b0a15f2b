using GenieCanvas.DatabricksEmulator.Admin;
using GenieCanvas.DatabricksEmulator.Databricks;
using GenieCanvas.DatabricksEmulator.Faults;
using GenieCanvas.DatabricksEmulator.Fixture;
using GenieCanvas.DatabricksEmulator.Sql;

namespace GenieCanvas.DatabricksEmulator.Genie;

/// <summary>What the conversation handlers share: the spaces, the warehouse, what Genie knows, the clock and the knobs.</summary>
public sealed class GenieEngine(SpaceCatalog catalog, DemoWarehouse warehouse, AnswerBook answers, ConversationStore conversations,
    MessageFaults faults, RuntimeSettings settings, TimeProvider time)
{
    public SpaceCatalog Catalog { get; } = catalog;
    public DemoWarehouse Warehouse { get; } = warehouse;
    public ConversationStore Conversations { get; } = conversations;
    public TimeProvider Time { get; } = time;

    /// <summary>Genie's answer to a question: the SQL of a known question (run now), or a clarifying question.</summary>
    public GenieMessage NewMessage(FixtureSpace space, string conversationId, string content, DateTimeOffset now)
    {
        var fault = faults.Take(space.SpaceId);
        var answer = answers.Find(space, content);
        var answerable = answers.AnswerableIn(space).Select(a => a.Question).Distinct(StringComparer.Ordinal).ToList();
        var suggestions = answerable.Where(q => AnswerBook.Normalize(q) != AnswerBook.Normalize(content)).Take(3).ToList();
        var message = new GenieMessage(space.SpaceId, conversationId, Ids.Genie(), content, now,
            fault?.StepMs is { } step ? TimeSpan.FromMilliseconds(step) : settings.GenieStep,
            answer, FollowUp(space, answerable), suggestions, fault?.Status, fault?.ErrorType, fault?.Error);
        message.Execute(Warehouse);
        return message;
    }

    /// <summary>Finds a message of a conversation of a space; the 404 to answer when any of them is missing.</summary>
    public IResult? Find(string spaceId, string conversationId, string messageId, out GenieMessage message)
    {
        message = null!;
        if (!Catalog.TryGet(spaceId, out _))
        {
            return DatabricksErrors.Result(StatusCodes.Status404NotFound, DatabricksErrors.ResourceDoesNotExist, DatabricksErrors.SpaceNotFound(spaceId));
        }
        if (Conversations.Find(spaceId, conversationId) is not { } conversation)
        {
            return ConversationApi.ConversationNotFound(conversationId);
        }
        if (conversation.Find(messageId) is not { } found)
        {
            return ConversationApi.MessageNotFound(messageId);
        }
        message = found;
        return null;
    }

    private static string FollowUp(FixtureSpace space, IReadOnlyList<string> answerable)
    {
        var tables = string.Join(", ", space.TableIdentifiers);
        return answerable.Count == 0
            ? $"I could not match that to the data in {space.Title} ({tables}). Could you rephrase it in terms of these tables?"
            : $"I am not sure what you mean. {space.Title} covers {tables}. I can answer, for example: "
              + string.Join(" ", answerable.Take(3).Select(q => $"\"{q}\"")) + " Which of these is closest to what you need?";
    }
}
