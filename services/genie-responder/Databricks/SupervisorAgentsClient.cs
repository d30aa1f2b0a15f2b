using System.Text.Json.Nodes;
using GenieCanvas.Responder.Bus;

namespace GenieCanvas.Responder.Databricks;

/// <summary>
/// The public Multi-Agent Supervisor API (<c>/api/2.1/supervisor-agents</c>, DATABRICKS.md §3c) on top of
/// <see cref="DatabricksClient"/>: same slots, retries, auth and deadline. Failures throw <see cref="OutcomeException"/>.
/// </summary>
public sealed class SupervisorAgentsClient(DatabricksClient databricks)
{
    private const string Root = "api/2.1/supervisor-agents";
    private const int ToolPageSize = 100;
    private const int MaxToolPages = 20;

    public static string Supervisor(string id) => $"Supervisor agent '{id}'";

    public static string Tool(string id, string toolId) => $"tool '{toolId}' of supervisor agent '{id}'";

    public async Task<JsonObject> CreateAsync(string displayName, string description, string instructions, RequestDeadline deadline) =>
        (await databricks.SendJsonAsync(HttpMethod.Post, Root, Fields(displayName, description, instructions),
            $"a new supervisor agent named '{displayName}'", deadline)).Json;

    public async Task<JsonObject> GetAsync(string id, RequestDeadline deadline) =>
        (await databricks.SendJsonAsync(HttpMethod.Get, $"{Root}/{Uri.EscapeDataString(id)}", null, Supervisor(id), deadline)).Json;

    /// <summary>PATCH with <c>update_mask</c> naming only <paramref name="mask"/>; the body carries those fields.</summary>
    public async Task<JsonObject> UpdateAsync(string id, IReadOnlyList<string> mask, string displayName, string description, string instructions, RequestDeadline deadline)
    {
        var body = Fields(displayName, description, instructions);
        foreach (var field in body.Select(p => p.Key).Except(mask).ToList())
        {
            body.Remove(field);
        }
        var path = $"{Root}/{Uri.EscapeDataString(id)}?update_mask={Uri.EscapeDataString(string.Join(',', mask))}";
        return (await databricks.SendJsonAsync(HttpMethod.Patch, path, body, Supervisor(id), deadline)).Json;
    }

    public Task DeleteAsync(string id, RequestDeadline deadline) =>
        databricks.SendJsonAsync(HttpMethod.Delete, $"{Root}/{Uri.EscapeDataString(id)}", null, Supervisor(id), deadline);

    /// <summary>Every tool, all pages (<c>GET …/tools</c>).</summary>
    public async Task<List<JsonObject>> ListToolsAsync(string id, RequestDeadline deadline)
    {
        var tools = new List<JsonObject>();
        string? token = null;
        for (var page = 0; page < MaxToolPages; page++)
        {
            var path = $"{Root}/{Uri.EscapeDataString(id)}/tools?page_size={ToolPageSize}" + (token is null ? "" : "&page_token=" + Uri.EscapeDataString(token));
            var (json, _) = await databricks.SendJsonAsync(HttpMethod.Get, path, null, $"the tools of {Supervisor(id)}", deadline);
            tools.AddRange((json["tools"] as JsonArray ?? []).OfType<JsonObject>());
            token = json["next_page_token"] is JsonValue v && v.TryGetValue<string>(out var next) && next.Length > 0 ? next : null;
            if (token is null)
            {
                break;
            }
        }
        return tools;
    }

    /// <summary><c>POST …/tools?tool_id=</c> with a genie_space tool (<c>id</c> is deprecated but still required).</summary>
    public async Task<JsonObject> AddGenieToolAsync(string id, string toolId, string spaceId, string description, RequestDeadline deadline)
    {
        var body = new JsonObject
        {
            ["tool_type"] = "genie_space",
            ["description"] = description,
            ["genie_space"] = new JsonObject { ["id"] = spaceId, ["space_id"] = spaceId },
        };
        var path = $"{Root}/{Uri.EscapeDataString(id)}/tools?tool_id={Uri.EscapeDataString(toolId)}";
        return (await databricks.SendJsonAsync(HttpMethod.Post, path, body, $"Genie space '{spaceId}' as {Tool(id, toolId)}", deadline)).Json;
    }

    public async Task<JsonObject> GetToolAsync(string id, string toolId, RequestDeadline deadline) =>
        (await databricks.SendJsonAsync(HttpMethod.Get, $"{Root}/{Uri.EscapeDataString(id)}/tools/{Uri.EscapeDataString(toolId)}", null, Tool(id, toolId), deadline)).Json;

    /// <summary>Only a tool's description can be patched (DATABRICKS.md §3c).</summary>
    public Task UpdateToolDescriptionAsync(string id, string toolId, string description, RequestDeadline deadline) =>
        databricks.SendJsonAsync(HttpMethod.Patch, $"{Root}/{Uri.EscapeDataString(id)}/tools/{Uri.EscapeDataString(toolId)}?update_mask=description",
            new JsonObject { ["description"] = description }, Tool(id, toolId), deadline);

    public Task DeleteToolAsync(string id, string toolId, RequestDeadline deadline) =>
        databricks.SendJsonAsync(HttpMethod.Delete, $"{Root}/{Uri.EscapeDataString(id)}/tools/{Uri.EscapeDataString(toolId)}", null, Tool(id, toolId), deadline);

    /// <summary>Reads the space with the public API (<c>GET /api/2.0/genie/spaces/{id}</c>): throws NOT_FOUND when it is missing.</summary>
    public Task GetSpaceAsync(string spaceId, RequestDeadline deadline) =>
        databricks.SendJsonAsync(HttpMethod.Get, $"api/2.0/genie/spaces/{Uri.EscapeDataString(spaceId)}", null, DatabricksClient.Space(spaceId), deadline);

    private static JsonObject Fields(string displayName, string description, string instructions) => new()
    {
        ["display_name"] = displayName,
        ["description"] = description,
        ["instructions"] = instructions,
    };
}
