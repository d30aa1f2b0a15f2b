using System.Text.Json.Nodes;
using GenieCanvas.Contracts;

namespace GenieCanvas.Responder.Operations;

/// <summary>Unity Catalog list items (CatalogInfo, SchemaInfo, TableInfo) as the contract's <see cref="CatalogItem"/>.</summary>
public static class CatalogItems
{
    /// <summary>The items of <paramref name="member"/> (e.g. "tables"); one without a name is skipped.</summary>
    public static List<CatalogItem> Read(JsonObject page, string member) =>
        page[member] is JsonArray items
            ? [.. items.OfType<JsonObject>().Select(Item).OfType<CatalogItem>()]
            : [];

    public static string? NextPageToken(JsonObject page) => Text(page, "next_page_token") is { Length: > 0 } token ? token : null;

    private static CatalogItem? Item(JsonObject o) =>
        Text(o, "name") is { Length: > 0 } name
            ? new CatalogItem(name, Text(o, "full_name") ?? name, Text(o, "comment"), Text(o, "catalog_name"), Text(o, "schema_name"), Text(o, "table_type"))
            : null;

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
