using System.Globalization;
using GenieCanvas.DatabricksEmulator.Databricks;
using GenieCanvas.DatabricksEmulator.Fixture;

namespace GenieCanvas.DatabricksEmulator.Workspace;

/// <summary>
/// Paging of the newer lists. Unity Catalog's max_results: none → everything at once; 0 → the server's page size;
/// n > 0 → min(n, the server's page size); negative → 400. The supervisor API's page_size: none or 0 → the default,
/// above the maximum → 400. Tokens are opaque and per list (a token of one list is refused by another).
/// </summary>
public static class Paging
{
    /// <summary>The server-configured page size of Unity Catalog lists (our choice; Databricks does not publish its own).</summary>
    public const int ServerPageSize = 50;

    /// <summary>Unity Catalog style (max_results); also the warehouses list (page_size).</summary>
    public static IResult? Page<T>(IReadOnlyList<T> items, string kind, string sizeName, string? size, string? token,
        out IReadOnlyList<T> page, out string? nextToken)
    {
        var take = items.Count;
        if (!string.IsNullOrEmpty(size))
        {
            if (!int.TryParse(size, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) || n < 0)
            {
                page = [];
                nextToken = null;
                return Invalid($"Invalid {sizeName} '{size}': expected 0 (the server's page size) or a positive integer.");
            }
            take = n == 0 ? ServerPageSize : Math.Min(n, ServerPageSize);
        }
        return Slice(items, kind, take, token, out page, out nextToken);
    }

    /// <summary>page_size style with a default and a hard maximum.</summary>
    public static IResult? PageBySize<T>(IReadOnlyList<T> items, string kind, string? size, string? token, int defaultSize, int maxSize,
        out IReadOnlyList<T> page, out string? nextToken)
    {
        var take = defaultSize;
        if (!string.IsNullOrEmpty(size)
            && (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take > maxSize))
        {
            page = [];
            nextToken = null;
            return Invalid($"Invalid page_size '{size}': expected an integer from 0 to {maxSize} (0 means {defaultSize}).");
        }
        return Slice(items, kind, take == 0 ? defaultSize : take, token, out page, out nextToken);
    }

    public static IResult Invalid(string message) =>
        DatabricksErrors.Result(StatusCodes.Status400BadRequest, DatabricksErrors.InvalidParameterValue, message);

    private static IResult? Slice<T>(IReadOnlyList<T> items, string kind, int take, string? token, out IReadOnlyList<T> page, out string? nextToken)
    {
        page = [];
        nextToken = null;
        var offset = 0;
        if (!string.IsNullOrEmpty(token) && !PageToken.TryDecode(kind, token, items.Count, out offset))
        {
            return Invalid("Invalid page_token: pass back a next_page_token from a previous response of the same list, unchanged.");
        }
        var end = Math.Min(offset + take, items.Count);
        page = items.Skip(offset).Take(end - offset).ToList();
        nextToken = end < items.Count ? PageToken.Encode(kind, end) : null;
        return null;
    }
}
