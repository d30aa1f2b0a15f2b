using System.Text.Json.Serialization;

namespace GenieCanvas.Contracts;

/// <summary>
/// Body of <c>agents.supervisor.deploy</c>: the supervisor as it should be. No id creates one; an id updates it. Its
/// tools are made to match <see cref="Agents"/> exactly, matched by space id. Validated by <see cref="SupervisorRules"/>.
/// </summary>
public sealed record DeploySupervisorRequest(
    [property: JsonPropertyName("supervisor_agent_id")] string? SupervisorAgentId,
    [property: JsonPropertyName("display_name")] string? DisplayName,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("instructions")] string? Instructions,
    [property: JsonPropertyName("agents")] IReadOnlyList<SupervisorAgentInput?>? Agents);

/// <summary>One sub-agent of a deploy: a Genie space and the description the supervisor routes on.</summary>
public sealed record SupervisorAgentInput(
    [property: JsonPropertyName("space_id")] string? SpaceId,
    [property: JsonPropertyName("description")] string? Description);

/// <summary>Body of <c>agents.supervisor.get</c> and <c>agents.supervisor.delete</c>.</summary>
public sealed record SupervisorIdRequest([property: JsonPropertyName("supervisor_agent_id")] string? SupervisorAgentId);
