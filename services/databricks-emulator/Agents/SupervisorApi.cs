using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GenieCanvas.DatabricksEmulator.Databricks;
using GenieCanvas.DatabricksEmulator.Fixture;
using GenieCanvas.DatabricksEmulator.Genie;
using Microsoft.AspNetCore.Mvc;

namespace GenieCanvas.DatabricksEmulator.Agents;

/// <summary>
/// The public Multi-Agent Supervisor API, <c>/api/2.1/supervisor-agents</c> (DATABRICKS.md §3c): supervisors and their
/// tools, with update masks, unique display names, and genie_space tools whose space must exist. Route values are
/// <c>{agentId}</c>/<c>{toolId}</c> (not <c>{id}</c>), so these calls are not counted as calls about a space.
/// </summary>
public static partial class SupervisorApi
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 100;
    private static readonly string[] AgentFields = ["display_name", "description", "instructions"];

    public static WebApplication MapSupervisorApi(this WebApplication app)
    {
        var agents = app.MapGroup("/api/2.1/supervisor-agents");
        agents.MapPost("", CreateAsync).WithName("CreateSupervisorAgent");
        agents.MapGet("", List).WithName("ListSupervisorAgents");
        agents.MapGet("/{agentId}", Get).WithName("GetSupervisorAgent");
        agents.MapPatch("/{agentId}", UpdateAsync).WithName("UpdateSupervisorAgent");
        agents.MapDelete("/{agentId}", Delete).WithName("DeleteSupervisorAgent");
        agents.MapPost("/{agentId}/tools", CreateToolAsync).WithName("CreateSupervisorAgentTool");
        agents.MapGet("/{agentId}/tools", ListTools).WithName("ListSupervisorAgentTools");
        agents.MapGet("/{agentId}/tools/{toolId}", GetTool).WithName("GetSupervisorAgentTool");
        agents.MapPatch("/{agentId}/tools/{toolId}", UpdateToolAsync).WithName("UpdateSupervisorAgentTool");
        agents.MapDelete("/{agentId}/tools/{toolId}", DeleteTool).WithName("DeleteSupervisorAgentTool");
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, SupervisorStore store, TimeProvider time)
    {
        var (body, problem) = await ReadObjectAsync(request, "supervisor_agent");
        if (problem is not null)
        {
            return problem;
        }
        if (StringField(body!, "display_name", out var name) is { } bad)
        {
            return bad;
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            return Invalid("display_name is required: a name for the supervisor, unique in the workspace.");
        }
        if (StringField(body!, "description", out var description) is { } badDescription)
        {
            return badDescription;
        }
        if (StringField(body!, "instructions", out var instructions) is { } badInstructions)
        {
            return badInstructions;
        }
        var agent = store.Create(name, description, instructions, time.GetUtcNow());
        return agent is null ? NameConflict(name) : Json(SupervisorJson.Agent(agent));
    }

    private static IResult List([FromQuery(Name = "page_size")] string? pageSize, [FromQuery(Name = "page_token")] string? pageToken, SupervisorStore store)
    {
        if (Page(store.List(), "supervisor-agents", pageSize, pageToken, out var page, out var next) is { } problem)
        {
            return problem;
        }
        return Json(WithToken(new JsonObject { ["supervisor_agents"] = new JsonArray([.. page.Select(a => (JsonNode)SupervisorJson.Agent(a))]) }, next));
    }

    private static IResult Get(string agentId, SupervisorStore store) =>
        store.Find(agentId) is { } agent ? Json(SupervisorJson.Agent(agent)) : AgentNotFound(agentId);

    private static async Task<IResult> UpdateAsync(string agentId, [FromQuery(Name = "update_mask")] string? updateMask, HttpRequest request, SupervisorStore store)
    {
        if (store.Find(agentId) is not { } agent)
        {
            return AgentNotFound(agentId);
        }
        var (body, problem) = await ReadObjectAsync(request, "supervisor_agent");
        if (problem is not null)
        {
            return problem;
        }
        if (Mask(updateMask, AgentFields, out var fields) is { } badMask)
        {
            return badMask;
        }
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (StringField(body!, field, out var value) is { } badField)
            {
                return badField;
            }
            if (field == "display_name" && string.IsNullOrWhiteSpace(value))
            {
                return Invalid("display_name is in the update_mask, so the body must give a non-empty display_name.");
            }
            values[field] = value;
        }
        return store.Update(agent, values) ? Json(SupervisorJson.Agent(agent)) : NameConflict(values["display_name"]!);
    }

    private static IResult Delete(string agentId, SupervisorStore store) =>
        store.Delete(agentId) ? Json(new JsonObject()) : AgentNotFound(agentId);

    private static async Task<IResult> CreateToolAsync(string agentId, [FromQuery(Name = "tool_id")] string? toolId, HttpRequest request,
        SupervisorStore store, SpaceCatalog spaces)
    {
        if (store.Find(agentId) is not { } agent)
        {
            return AgentNotFound(agentId);
        }
        if (string.IsNullOrEmpty(toolId) || !ToolId().IsMatch(toolId))
        {
            return Invalid("tool_id is required in the query: 1-64 characters of letters, digits, '-' and '_' (it ends the tool's name).");
        }
        var (body, problem) = await ReadObjectAsync(request, "tool");
        if (problem is not null)
        {
            return problem;
        }
        if (StringField(body!, "tool_type", out var type) is { } badType)
        {
            return badType;
        }
        if (StringField(body!, "description", out var description) is { } badDescription)
        {
            return badDescription;
        }
        if (type is null || !SupervisorStore.IsToolType(type))
        {
            return Invalid($"tool_type must be one of: {string.Join(", ", SupervisorStore.ToolTypes)}; got '{type}'.");
        }
        var member = SupervisorStore.SpecMember(type);
        if (body![member] is not JsonObject spec)
        {
            return Invalid($"A {type} tool needs its spec in '{member}', e.g. \"genie_space\": {{\"id\": \"<space id>\", \"space_id\": \"<space id>\"}}.");
        }
        if (type == "genie_space" && GenieSpaceProblem(spec, spaces) is { } spaceProblem)
        {
            return spaceProblem;
        }
        var tool = new SupervisorTool(toolId, type, description, (JsonObject)spec.DeepClone());
        return store.AddTool(agent, tool)
            ? Json(SupervisorJson.Tool(agent, tool))
            : DatabricksErrors.Result(StatusCodes.Status409Conflict, DatabricksErrors.AlreadyExists,
                $"Tool '{toolId}' already exists in supervisor agent {agentId} (or it holds the most tools, {SupervisorStore.MaxToolsPerAgent}).");
    }

    private static IResult ListTools(string agentId, [FromQuery(Name = "page_size")] string? pageSize, [FromQuery(Name = "page_token")] string? pageToken,
        SupervisorStore store)
    {
        if (store.Find(agentId) is not { } agent)
        {
            return AgentNotFound(agentId);
        }
        if (Page(store.Tools(agent), "tools:" + agentId, pageSize, pageToken, out var page, out var next) is { } problem)
        {
            return problem;
        }
        return Json(WithToken(new JsonObject { ["tools"] = new JsonArray([.. page.Select(t => (JsonNode)SupervisorJson.Tool(agent, t))]) }, next));
    }

    private static IResult GetTool(string agentId, string toolId, SupervisorStore store) =>
        store.Find(agentId) is not { } agent ? AgentNotFound(agentId)
        : store.FindTool(agent, toolId) is { } tool ? Json(SupervisorJson.Tool(agent, tool))
        : ToolNotFound(agentId, toolId);

    private static async Task<IResult> UpdateToolAsync(string agentId, string toolId, [FromQuery(Name = "update_mask")] string? updateMask,
        HttpRequest request, SupervisorStore store)
    {
        if (store.Find(agentId) is not { } agent)
        {
            return AgentNotFound(agentId);
        }
        if (store.FindTool(agent, toolId) is not { } tool)
        {
            return ToolNotFound(agentId, toolId);
        }
        var (body, problem) = await ReadObjectAsync(request, "tool");
        if (problem is not null)
        {
            return problem;
        }
        if (Mask(updateMask, ["description"], out _) is not null)
        {
            return Invalid($"update_mask '{updateMask}' is not allowed: only description can be updated on a tool. To change its type or spec, delete the tool and create it again.");
        }
        if (StringField(body!, "description", out var description) is { } badField)
        {
            return badField;
        }
        store.SetToolDescription(tool, description);
        return Json(SupervisorJson.Tool(agent, tool));
    }

    private static IResult DeleteTool(string agentId, string toolId, SupervisorStore store) =>
        store.Find(agentId) is not { } agent ? AgentNotFound(agentId)
        : store.RemoveTool(agent, toolId) ? Json(new JsonObject())
        : ToolNotFound(agentId, toolId);

    private static IResult? GenieSpaceProblem(JsonObject spec, SpaceCatalog spaces)
    {
        var id = spec["id"] is JsonValue v && v.TryGetValue<string>(out var i) ? i : null;
        var spaceId = spec["space_id"] is JsonValue sv && sv.TryGetValue<string>(out var s) ? s : null;
        if (string.IsNullOrEmpty(id))
        {
            return Invalid("genie_space.id is required (deprecated, but still required): the Genie space id.");
        }
        if (spaceId is not null && spaceId != id)
        {
            return Invalid($"genie_space.id ({id}) and genie_space.space_id ({spaceId}) must name the same space.");
        }
        return spaces.TryGet(id, out _)
            ? null
            : DatabricksErrors.Result(StatusCodes.Status404NotFound, DatabricksErrors.ResourceDoesNotExist, DatabricksErrors.SpaceNotFound(id));
    }

    /// <summary>The body: the object itself, or wrapped as {"<paramref name="wrapper"/>": {…}} (both are seen).</summary>
    private static async Task<(JsonObject? Body, IResult? Problem)> ReadObjectAsync(HttpRequest request, string wrapper)
    {
        JsonNode? node;
        try
        {
            node = request.ContentLength is 0 ? new JsonObject() : await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            return (null, DatabricksErrors.Result(StatusCodes.Status400BadRequest, DatabricksErrors.MalformedRequest, $"Could not parse request object: {e.Message}"));
        }
        if (node is not JsonObject o)
        {
            return (null, DatabricksErrors.Result(StatusCodes.Status400BadRequest, DatabricksErrors.MalformedRequest, "The request body must be a JSON object."));
        }
        return (o.Count == 1 && o[wrapper] is JsonObject inner ? inner : o, null);
    }

    /// <summary>A string member (or absent = null); an error when it is there but not a string.</summary>
    private static IResult? StringField(JsonObject body, string name, out string? value)
    {
        value = null;
        if (body[name] is null)
        {
            return null;
        }
        if (body[name] is JsonValue v && v.TryGetValue<string>(out var s))
        {
            value = s;
            return null;
        }
        return Invalid($"{name} must be a string.");
    }

    /// <summary>Parses update_mask ("a,b" field paths; "*" = all allowed); an error names what is not allowed.</summary>
    private static IResult? Mask(string? mask, string[] allowed, out List<string> fields)
    {
        fields = [];
        if (string.IsNullOrWhiteSpace(mask))
        {
            return Invalid($"update_mask is required: the fields to change, from {string.Join(", ", allowed)}.");
        }
        foreach (var part in mask.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "*")
            {
                fields.AddRange(allowed);
            }
            else if (allowed.Contains(part, StringComparer.Ordinal))
            {
                fields.Add(part);
            }
            else
            {
                return Invalid($"update_mask names '{part}', which cannot be updated; allowed: {string.Join(", ", allowed)}.");
            }
        }
        fields = fields.Distinct(StringComparer.Ordinal).ToList();
        return fields.Count == 0 ? Invalid("update_mask names no field.") : null;
    }

    private static IResult? Page<T>(IReadOnlyList<T> items, string kind, string? size, string? token, out IReadOnlyList<T> page, out string? next) =>
        Workspace.Paging.PageBySize(items, kind, size, token, DefaultPageSize, MaxPageSize, out page, out next);

    private static JsonObject WithToken(JsonObject body, string? next)
    {
        if (next is not null)
        {
            body["next_page_token"] = next;
        }
        return body;
    }

    private static IResult Json(JsonNode body) => Results.Text(MessageJson.Write(body), "application/json");

    private static IResult Invalid(string message) =>
        DatabricksErrors.Result(StatusCodes.Status400BadRequest, DatabricksErrors.InvalidParameterValue, message);

    private static IResult NameConflict(string name) => DatabricksErrors.Result(StatusCodes.Status409Conflict, DatabricksErrors.AlreadyExists,
        $"A supervisor agent named '{name}' already exists in this workspace; display names must be unique.");

    private static IResult AgentNotFound(string id) => DatabricksErrors.Result(StatusCodes.Status404NotFound, DatabricksErrors.ResourceDoesNotExist,
        $"Supervisor agent supervisor-agents/{id} does not exist.");

    private static IResult ToolNotFound(string agentId, string toolId) => DatabricksErrors.Result(StatusCodes.Status404NotFound,
        DatabricksErrors.ResourceDoesNotExist, $"Tool supervisor-agents/{agentId}/tools/{toolId} does not exist.");

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ToolId();
}
