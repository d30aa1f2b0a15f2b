using System.Text.Json.Serialization;

namespace GenieCanvas.Contracts;

/// <summary>Reply of <c>workspace.schemas</c>: one page of Unity Catalog schemas, and the token of the next page.</summary>
public sealed record ListSchemasReply(
    [property: JsonPropertyName("schemas")] IReadOnlyList<CatalogItem> Schemas,
    [property: JsonPropertyName("next_page_token")] string? NextPageToken);
