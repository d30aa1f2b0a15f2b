namespace GenieCanvas.DatabricksEmulator.Agents;

/// <summary>
/// A Multi-Agent Supervisor (service/supervisoragents.py SupervisorAgent): the user's fields, the output-only ones,
/// and its tools in creation order. Mutated only under <see cref="SupervisorStore"/>'s lock.
/// </summary>
public sealed class SupervisorAgent(string id, string displayName, string? description, string? instructions, DateTimeOffset created)
{
    public string Id { get; } = id;
    public string DisplayName { get; set; } = displayName;
    public string? Description { get; set; } = description;
    public string? Instructions { get; set; } = instructions;
    public DateTimeOffset Created { get; } = created;
    public string EndpointName { get; } = "mas-" + id[..8] + "-endpoint";
    public string ExperimentId { get; } = Random.Shared.NextInt64(1_000_000_000_000_000, 9_999_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
    public string Name => "supervisor-agents/" + Id;
    public List<SupervisorTool> Tools { get; } = [];
}

/// <summary>
/// A tool (sub-agent) of a supervisor: its user-given id, type, description, and the spec object of its type as sent
/// (e.g. genie_space {id, space_id}), kept as JSON so every type round-trips.
/// </summary>
public sealed class SupervisorTool(string toolId, string toolType, string? description, System.Text.Json.Nodes.JsonObject spec)
{
    public string ToolId { get; } = toolId;
    public string ToolType { get; } = toolType;
    public string? Description { get; set; } = description;
    public System.Text.Json.Nodes.JsonObject Spec { get; } = spec;
}
