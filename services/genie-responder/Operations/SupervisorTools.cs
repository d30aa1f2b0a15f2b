using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GenieCanvas.Contracts;
using GenieCanvas.Responder.Bus;

namespace GenieCanvas.Responder.Operations;

/// <summary>A tool as Databricks holds it; <see cref="SpaceId"/> is set for genie_space tools only.</summary>
public sealed record RemoteTool(string ToolId, string? ToolType, string? SpaceId, string? Description)
{
    public const string GenieSpaceType = "genie_space";

    public static RemoteTool From(JsonObject tool)
    {
        var type = Text(tool, "tool_type");
        var spec = tool[GenieSpaceType] as JsonObject;
        var spaceId = type == GenieSpaceType && spec is not null ? Text(spec, "space_id") ?? Text(spec, "id") : null;
        return new RemoteTool(Text(tool, "tool_id") ?? Text(tool, "id") ?? "", type, spaceId, Text(tool, "description"));
    }

    public SupervisorToolInfo ToInfo() => new(ToolId, SpaceId, Description, ToolType == GenieSpaceType ? null : ToolType);

    internal static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

/// <summary>The supervisor helpers the three operations share: the stable tool id and the reply shape.</summary>
public static class SupervisorTools
{
    /// <summary>
    /// The tool id a space gets, the same on every deploy: <c>genie-&lt;space id&gt;</c>, or when that would pass the
    /// 64 characters Databricks allows, <c>genie-</c> and 32 hex characters of the id's SHA-256.
    /// </summary>
    public static string StableToolId(string spaceId) =>
        spaceId.Length <= 58 ? "genie-" + spaceId : "genie-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(spaceId)))[..32];

    /// <summary>Reads and validates <c>{"supervisor_agent_id"}</c> (get, delete); names the supervisor for messages and the log.</summary>
    public static bool TryReadId(BusRequest request, out string id, out Outcome? invalid)
    {
        id = "";
        invalid = null;
        if (!BusJson.TryRead(request.Body.Span, GenieJsonContext.Default.SupervisorIdRequest, "{\"supervisor_agent_id\": \"<id>\"}", out var input, out var problem)
            || !SupervisorRules.TryValidateId(input!.SupervisorAgentId, out problem))
        {
            invalid = Outcome.Invalid(problem);
            return false;
        }
        id = input.SupervisorAgentId!;
        request.Describe(Databricks.SupervisorAgentsClient.Supervisor(id), "supervisor " + id);
        return true;
    }

    public static SupervisorReply Reply(JsonObject supervisor, string id, IEnumerable<RemoteTool> tools, DeploySync? sync = null) => new(
        RemoteTool.Text(supervisor, "supervisor_agent_id") ?? RemoteTool.Text(supervisor, "id") ?? id,
        RemoteTool.Text(supervisor, "display_name"),
        RemoteTool.Text(supervisor, "description") ?? "",
        RemoteTool.Text(supervisor, "instructions") ?? "",
        RemoteTool.Text(supervisor, "endpoint_name"),
        [.. tools.Select(t => t.ToInfo())],
        sync);
}
