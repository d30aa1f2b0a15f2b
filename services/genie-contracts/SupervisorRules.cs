using System.Diagnostics.CodeAnalysis;

namespace GenieCanvas.Contracts;

/// <summary>
/// The one validation of a supervisor deploy, for the bridge (400 before the bus) and the responder (before any
/// Databricks call): display_name 1–100 characters, description ≤ 1,000, instructions ≤ 10,000, 1–20 agents, each a
/// valid space id with a description of 1–500 characters, no space twice.
/// </summary>
public static class SupervisorRules
{
    public const int MaxDisplayName = 100;
    public const int MaxDescription = 1000;
    public const int MaxInstructions = 10_000;
    public const int MaxAgents = 20;
    public const int MaxAgentDescription = 500;
    public const int MaxIdLength = 64;

    public static bool TryValidate(DeploySupervisorRequest request, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        if (request.SupervisorAgentId is not null && !TryValidateId(request.SupervisorAgentId, out problem))
        {
            return false;
        }
        var name = request.DisplayName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            problem = "display_name is required: a name for the supervisor, unique in the workspace.";
            return false;
        }
        if (name.Length > MaxDisplayName || name.Any(char.IsControl))
        {
            problem = $"display_name must be 1-{MaxDisplayName} characters without control characters; it has {name.Length}.";
            return false;
        }
        if (request.Description is { Length: > MaxDescription } description)
        {
            problem = $"description may have at most {MaxDescription} characters; it has {description.Length}.";
            return false;
        }
        if (request.Instructions is { Length: > MaxInstructions } instructions)
        {
            problem = $"instructions may have at most {MaxInstructions} characters; they have {instructions.Length}.";
            return false;
        }
        if (request.Agents is not { Count: > 0 } agents)
        {
            problem = "agents is required: 1-20 Genie spaces, each {\"space_id\", \"description\"}.";
            return false;
        }
        if (agents.Count > MaxAgents)
        {
            problem = $"A supervisor may have at most {MaxAgents} agents; the request has {agents.Count}.";
            return false;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < agents.Count; i++)
        {
            var agent = agents[i];
            var where = $"agents[{i}]";
            if (agent is null)
            {
                problem = $"{where} must be an object {{\"space_id\", \"description\"}}.";
                return false;
            }
            if (!SpaceId.TryValidate(agent.SpaceId, out var spaceProblem))
            {
                problem = $"{where}: {spaceProblem}";
                return false;
            }
            if (!seen.Add(agent.SpaceId!))
            {
                problem = $"{where}: Genie space '{agent.SpaceId}' is listed twice; each space may feed a supervisor once.";
                return false;
            }
            var routing = agent.Description?.Trim();
            if (string.IsNullOrEmpty(routing) || routing.Length > MaxAgentDescription)
            {
                problem = $"{where}.description (what space '{agent.SpaceId}' answers; the supervisor routes on it) must be 1-{MaxAgentDescription} characters; it has {routing?.Length ?? 0}.";
                return false;
            }
        }
        return true;
    }

    /// <summary>A supervisor id as Databricks makes them (a UUID): 1–64 characters of letters, digits, '-' and '_'.</summary>
    public static bool TryValidateId(string? id, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(id))
        {
            problem = "supervisor_agent_id is required.";
            return false;
        }
        if (id.Length > MaxIdLength || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            problem = $"supervisor_agent_id must be 1-{MaxIdLength} characters of letters, digits, '-' and '_' (a UUID such as 3f2a…).";
            return false;
        }
        return true;
    }
}
