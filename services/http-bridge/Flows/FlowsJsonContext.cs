using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenieCanvas.Bridge.Flows;

/// <summary>Source-generated JSON for the flows API's own bodies (camelCase like the rest of the HTTP API).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(FlowList))]
[JsonSerializable(typeof(FlowSaved))]
public sealed partial class FlowsJsonContext : JsonSerializerContext;
