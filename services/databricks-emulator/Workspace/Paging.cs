using System.Globalization;
using GenieCanvas.DatabricksEmulator.Databricks;
using GenieCanvas.DatabricksEmulator.Fixture;

namespace GenieCanvas.DatabricksEmulator.Workspace;

/// <summary>
/// Paging of the picker lists, as Unity Catalog documents it: no size → everything at once; 0 → the server's page
/// size; n > 0 → min(n, the server's page size); negative → 400. Tokens are opaque and per list.
/// </summary>
public static class Paging
{
    /// <summary>The server-configured page size (our choice; Databricks does not publish its own).</summary>
    public const int ServerPageSize = 50;

    public static IResult? Page<T>(IReadOnlyList<T> items, string kind, string sizeName, string? size, string? token,
        out IReadOnlyList<T> page, out string? nextToken)
    {
        page = [];
        nextToken = null;
        var take = items.Count;
        if (!string.IsNullOrEmpty(size))
        {
            if (!int.TryParse(size, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) || n < 0)
            {
                return Invalid($"Invalid {sizeName} '{size}': expected 0 (the server's page size) or a positive integer.");
            }
            take = n == 0 ? ServerPageSize : Math.Min(n, ServerPageSize);
        }
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

    public static IResult Invalid(string message) =>
        DatabricksErrors.Result(StatusCodes.Status400BadRequest, DatabricksErrors.InvalidParameterValue, message);
}
