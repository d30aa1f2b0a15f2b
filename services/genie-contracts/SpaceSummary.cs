using System.Text.Json.Serialization;

namespace GenieCanvas.Contracts;

/// <summary>One item of <see cref="ListSpacesReply"/>.</summary>
public sealed record SpaceSummary(
    [property: JsonPropertyName("space_id")] string SpaceId,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("warehouse_id")] string? WarehouseId);
