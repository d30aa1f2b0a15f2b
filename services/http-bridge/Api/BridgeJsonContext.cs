using System.Text.Json;
using System.Text.Json.Serialization;
using GenieCanvas.Bridge.Bus;

namespace GenieCanvas.Bridge.Api;

/// <summary>Source-generated JSON for the bridge's own bodies (camelCase, like the rest of the HTTP API).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(FrontendConfig))]
[JsonSerializable(typeof(GenieStatus))]
[JsonSerializable(typeof(ServiceStatsReply))]
[JsonSerializable(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails))] // the data of an SSE error event
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
public sealed partial class BridgeJsonContext : JsonSerializerContext;
