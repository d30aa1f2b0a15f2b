using System.Text.Json.Serialization;

namespace GenieCanvas.Contracts;

/// <summary>One SQL warehouse of <see cref="ListWarehousesReply"/>: what the create form's dropdown shows.</summary>
public sealed record WarehouseSummary(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("cluster_size")] string? ClusterSize);
