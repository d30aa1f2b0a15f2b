using GenieCanvas.Contracts;
using GenieCanvas.Responder.Bus;

namespace GenieCanvas.Responder.Operations;

/// <summary>
/// Reads and checks the body of the Unity Catalog lists (<see cref="CatalogRequest"/>): an empty body is <c>{}</c>;
/// the names the list needs must follow <see cref="CatalogRequest.TryValidateName"/>, the page token its rule.
/// </summary>
public static class CatalogInput
{
    public static bool TryRead(BusRequest request, bool needsCatalog, bool needsSchema, out CatalogRequest input, out string problem)
    {
        input = new CatalogRequest();
        var example = needsSchema ? "{\"catalog\": \"main\", \"schema\": \"sales\"}" : needsCatalog ? "{\"catalog\": \"main\"}" : "{}";
        if (!request.Body.Span.Trim(" \t\r\n"u8).IsEmpty
            && !BusJson.TryRead(request.Body.Span, GenieJsonContext.Default.CatalogRequest, example, out input!, out problem))
        {
            return false;
        }
        string? invalid = null;
        var ok = (!needsCatalog || CatalogRequest.TryValidateName(input.Catalog, "catalog", out invalid))
            && (!needsSchema || CatalogRequest.TryValidateName(input.Schema, "schema", out invalid))
            && CatalogRequest.TryValidatePageToken(input.PageToken, out invalid);
        problem = invalid ?? string.Empty;
        return ok;
    }

    /// <summary>The query string of a Unity Catalog list: the names, <c>max_results</c> and the page token.</summary>
    public static string Query(int pageSize, string? pageToken, params (string Name, string? Value)[] names)
    {
        var parts = names.Where(n => n.Value is not null).Select(n => $"{n.Name}={Uri.EscapeDataString(n.Value!)}").ToList();
        parts.Add("max_results=" + pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (pageToken is not null)
        {
            parts.Add("page_token=" + Uri.EscapeDataString(pageToken));
        }
        return "?" + string.Join('&', parts);
    }
}
