using System.Text.Json.Serialization;

namespace GenieCanvas.Testing;

/// <summary>The emulator's request counts (<c>GET /_emulator/calls</c>): every request that reached a Databricks path.</summary>
public sealed record EmulatorCalls(
    [property: JsonPropertyName("total")] long Total,
    [property: JsonPropertyName("by_space")] IReadOnlyDictionary<string, long> BySpace,
    [property: JsonPropertyName("by_path")] IReadOnlyDictionary<string, long> ByPath)
{
    public long ForSpace(string spaceId) => BySpace.TryGetValue(spaceId, out var n) ? n : 0;

    public long ForPath(string path) => ByPath.TryGetValue(path, out var n) ? n : 0;

    /// <summary>Counts by route pattern, e.g. "GET /api/2.0/genie/spaces/{id}/conversations/{conversationId}/messages/{messageId}".</summary>
    [JsonPropertyName("by_route")] public IReadOnlyDictionary<string, long> ByRoute { get; init; } = new Dictionary<string, long>();

    public long ForRoute(string route) => ByRoute.TryGetValue(route, out var n) ? n : 0;
}
