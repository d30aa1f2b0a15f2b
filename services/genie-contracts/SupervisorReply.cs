using System.Text.Json.Serialization;

namespace GenieCanvas.Contracts;

/// <summary>
/// Reply of <c>agents.supervisor.deploy</c> and <c>.get</c>: the supervisor and its tools as Databricks holds them.
/// <see cref="Sync"/> (deploy only; additive to DESIGN.md's shape) says what the deploy changed, tool by tool.
/// </summary>
public sealed record SupervisorReply(
    [property: JsonPropertyName("supervisor_agent_id")] string SupervisorAgentId,
    [property: JsonPropertyName("display_name")] string? DisplayName,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("instructions")] string? Instructions,
    [property: JsonPropertyName("endpoint_name")] string? EndpointName,
    [property: JsonPropertyName("tools")] IReadOnlyList<SupervisorToolInfo> Tools,
    [property: JsonPropertyName("sync")] DeploySync? Sync = null);

/// <summary>A tool of the supervisor. <see cref="ToolType"/> is set only for tools that are not Genie spaces.</summary>
public sealed record SupervisorToolInfo(
    [property: JsonPropertyName("tool_id")] string ToolId,
    [property: JsonPropertyName("space_id")] string? SpaceId,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("tool_type")] string? ToolType = null);

/// <summary>
/// What a deploy did. <see cref="Complete"/>: every tool is in the state asked for. <see cref="Supervisor"/>:
/// <c>created</c>, <c>updated</c> or <c>unchanged</c>. <see cref="Writes"/>: the write calls made to Databricks (0 on a
/// deploy that changed nothing). <see cref="Tools"/>: one entry per tool asked for or found.
/// </summary>
public sealed record DeploySync(
    [property: JsonPropertyName("complete")] bool Complete,
    [property: JsonPropertyName("supervisor")] string Supervisor,
    [property: JsonPropertyName("writes")] int Writes,
    [property: JsonPropertyName("tools")] IReadOnlyList<ToolSync> Tools);

/// <summary>
/// One tool of a deploy. <see cref="Change"/>: <c>add</c>, <c>update</c> (description), <c>remove</c> or <c>none</c>.
/// <see cref="State"/>, in Databricks after the deploy: <c>in_sync</c>, <c>removed</c>, or, when the change failed or
/// was not tried, <c>missing</c> (asked for, not there), <c>stale</c> (there, old description), <c>extra</c> (there,
/// not asked for). <see cref="Error"/> says why, when it is not in the state asked for.
/// </summary>
public sealed record ToolSync(
    [property: JsonPropertyName("tool_id")] string ToolId,
    [property: JsonPropertyName("space_id")] string? SpaceId,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("change")] string Change,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("error")] ToolSyncError? Error = null);

public sealed record ToolSyncError(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message);
