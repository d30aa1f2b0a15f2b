using System.Text.Json.Serialization;

namespace GenieCanvas.Contracts;

/// <summary>Reply of <c>genie.list</c>, the shape of <c>GET /api/2.0/genie/spaces</c>.</summary>
public sealed record ListSpacesReply(
    [property: JsonPropertyName("spaces")] IReadOnlyList<SpaceSummary> Spaces,
    [property: JsonPropertyName("next_page_token")] string? NextPageToken);
