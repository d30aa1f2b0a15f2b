using System.Text.Json.Serialization;

namespace GenieCanvas.Contracts;

/// <summary>Reply of <c>workspace.tables</c>: one page of Unity Catalog tables, and the token of the next page.</summary>
public sealed record ListTablesReply(
    [property: JsonPropertyName("tables")] IReadOnlyList<CatalogItem> Tables,
    [property: JsonPropertyName("next_page_token")] string? NextPageToken);
