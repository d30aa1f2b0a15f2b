namespace GenieCanvas.DatabricksEmulator.Agents;

/// <summary>
/// The workspace's supervisors in memory, behind one lock: display names are unique (ignoring case), tool ids unique
/// per supervisor. Each method is one consistent step; the API validates before it calls.
/// </summary>
public sealed class SupervisorStore
{
    public const int MaxAgents = 1000;
    public const int MaxToolsPerAgent = 100;

    /// <summary>tool_type → the member holding its spec (legacy names map to their replacements' members as the SDK says).</summary>
    private static readonly Dictionary<string, string> SpecMembers = new(StringComparer.Ordinal)
    {
        ["genie_space"] = "genie_space",
        ["knowledge_assistant"] = "knowledge_assistant",
        ["uc_function"] = "uc_function",
        ["uc_connection"] = "uc_connection",
        ["uc_mcp"] = "uc_mcp",
        ["app"] = "app",
        ["volume"] = "volume",
        ["dashboard"] = "dashboard",
        ["lakeview_dashboard"] = "lakeview_dashboard",
        ["serving_endpoint"] = "serving_endpoint",
        ["table"] = "table",
        ["uc_table"] = "uc_table",
        ["vector_search_index"] = "vector_search_index",
        ["catalog"] = "catalog",
        ["schema"] = "schema",
        ["supervisor_agent"] = "supervisor_agent",
        ["databricks_web_search"] = "web_search",
        ["web_search"] = "web_search",
        ["skill"] = "skill",
    };

    private readonly Lock _lock = new();
    private readonly List<SupervisorAgent> _agents = [];

    public static IEnumerable<string> ToolTypes => SpecMembers.Keys;

    public static bool IsToolType(string type) => SpecMembers.ContainsKey(type);

    public static string SpecMember(string toolType) => SpecMembers[toolType];

    public IReadOnlyList<SupervisorAgent> List()
    {
        lock (_lock)
        {
            return [.. _agents];
        }
    }

    public SupervisorAgent? Find(string id)
    {
        lock (_lock)
        {
            return _agents.Find(a => a.Id == id);
        }
    }

    /// <summary>Null when the display name is taken (or the workspace is full).</summary>
    public SupervisorAgent? Create(string displayName, string? description, string? instructions, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (NameTaken(displayName, exceptId: null) || _agents.Count >= MaxAgents)
            {
                return null;
            }
            var agent = new SupervisorAgent(Guid.NewGuid().ToString(), displayName, description, instructions, now);
            _agents.Add(agent);
            return agent;
        }
    }

    /// <summary>Applies the masked fields; false (nothing changed) when the new display name is taken.</summary>
    public bool Update(SupervisorAgent agent, IReadOnlyDictionary<string, string?> fields)
    {
        lock (_lock)
        {
            if (fields.TryGetValue("display_name", out var name) && NameTaken(name!, agent.Id))
            {
                return false;
            }
            foreach (var (field, value) in fields)
            {
                switch (field)
                {
                    case "display_name": agent.DisplayName = value!; break;
                    case "description": agent.Description = value; break;
                    case "instructions": agent.Instructions = value; break;
                }
            }
            return true;
        }
    }

    public bool Delete(string id)
    {
        lock (_lock)
        {
            return _agents.RemoveAll(a => a.Id == id) > 0;
        }
    }

    public IReadOnlyList<SupervisorTool> Tools(SupervisorAgent agent)
    {
        lock (_lock)
        {
            return [.. agent.Tools];
        }
    }

    public SupervisorTool? FindTool(SupervisorAgent agent, string toolId)
    {
        lock (_lock)
        {
            return agent.Tools.Find(t => t.ToolId == toolId);
        }
    }

    /// <summary>False when the supervisor already has a tool with this id (or is gone, or has the most tools).</summary>
    public bool AddTool(SupervisorAgent agent, SupervisorTool tool)
    {
        lock (_lock)
        {
            if (!_agents.Contains(agent) || agent.Tools.Exists(t => t.ToolId == tool.ToolId) || agent.Tools.Count >= MaxToolsPerAgent)
            {
                return false;
            }
            agent.Tools.Add(tool);
            return true;
        }
    }

    public void SetToolDescription(SupervisorTool tool, string? description)
    {
        lock (_lock)
        {
            tool.Description = description;
        }
    }

    public bool RemoveTool(SupervisorAgent agent, string toolId)
    {
        lock (_lock)
        {
            return agent.Tools.RemoveAll(t => t.ToolId == toolId) > 0;
        }
    }

    private bool NameTaken(string displayName, string? exceptId) =>
        _agents.Exists(a => a.Id != exceptId && string.Equals(a.DisplayName, displayName, StringComparison.OrdinalIgnoreCase));
}
