using System.Text.Json.Serialization;

namespace GenieCanvas.Contracts;

/// <summary>Reply of <c>workspace.catalogs</c>: one page of Unity Catalog catalogs, and the token of the next page.</summary>
public sealed record ListCatalogsReply(
    [property: JsonPropertyName("catalogs")] IReadOnlyList<CatalogItem> Catalogs,
    [property: JsonPropertyName("next_page_token")] string? NextPageToken);
