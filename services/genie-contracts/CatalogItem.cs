using System.Text.Json.Serialization;

namespace GenieCanvas.Contracts;

/// <summary>One catalog, schema or table of the Unity Catalog lists (the fields a browser needs).</summary>
public sealed record CatalogItem(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("full_name")] string FullName,
    [property: JsonPropertyName("comment")] string? Comment,
    [property: JsonPropertyName("catalog_name")] string? CatalogName = null,
    [property: JsonPropertyName("schema_name")] string? SchemaName = null,
    [property: JsonPropertyName("table_type")] string? TableType = null);
