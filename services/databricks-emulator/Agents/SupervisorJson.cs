using System.Globalization;
using System.Text.Json.Nodes;

namespace GenieCanvas.DatabricksEmulator.Agents;

/// <summary>The SupervisorAgent and Tool shapes of databricks-sdk-py service/supervisoragents.py.</summary>
public static class SupervisorJson
{
    public const string Creator = "emulator@example.com";

    public static JsonObject Agent(SupervisorAgent a)
    {
        var o = new JsonObject
        {
            ["supervisor_agent_id"] = a.Id,
            ["id"] = a.Id,
            ["name"] = a.Name,
            ["display_name"] = a.DisplayName,
            ["description"] = a.Description,
            ["instructions"] = a.Instructions,
            ["endpoint_name"] = a.EndpointName,
            ["experiment_id"] = a.ExperimentId,
            ["creator"] = Creator,
            ["create_time"] = a.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
        foreach (var key in o.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            o.Remove(key);
        }
        return o;
    }

    public static JsonObject Tool(SupervisorAgent a, SupervisorTool t)
    {
        var o = new JsonObject
        {
            ["tool_id"] = t.ToolId,
            ["id"] = t.ToolId,
            ["name"] = $"{a.Name}/tools/{t.ToolId}",
            ["tool_type"] = t.ToolType,
        };
        if (t.Description is not null)
        {
            o["description"] = t.Description;
        }
        o[SupervisorStore.SpecMember(t.ToolType)] = t.Spec.DeepClone();
        return o;
    }
}
