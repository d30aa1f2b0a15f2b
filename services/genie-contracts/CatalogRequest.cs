using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace GenieCanvas.Contracts;

/// <summary>
/// Body of <c>workspace.catalogs</c> (<c>{}</c>), <c>workspace.schemas</c> (<c>{"catalog"}</c>) and
/// <c>workspace.tables</c> (<c>{"catalog","schema"}</c>), each with an optional <c>page_token</c>.
/// </summary>
public sealed record CatalogRequest(
    [property: JsonPropertyName("catalog")] string? Catalog = null,
    [property: JsonPropertyName("schema")] string? Schema = null,
    [property: JsonPropertyName("page_token")] string? PageToken = null)
{
    public const int MaxNameLength = 255;

    /// <summary>
    /// The one rule for a catalog or schema name (bridge and responder): not empty, at most 255 characters, no
    /// <c>/</c>, no <c>..</c>, no control characters (it goes into a query string, never a path, but it names
    /// nothing sensible then).
    /// </summary>
    public static bool TryValidateName(string? value, string field, [NotNullWhen(false)] out string? problem)
    {
        problem = value switch
        {
            null or "" => $"{field} is required.",
            { Length: > MaxNameLength } => $"{field} is {value.Length} characters long; at most {MaxNameLength} are allowed.",
            _ when value.Contains('/') || value.Contains("..", StringComparison.Ordinal) => $"{field} may not contain '/' or '..'.",
            _ when value.Any(char.IsControl) => $"{field} may not contain control characters.",
            _ => null,
        };
        return problem is null;
    }

    /// <summary>Checks the page token (<see cref="ListSpacesRequest.IsValidPageToken"/>) when one is given.</summary>
    public static bool TryValidatePageToken(string? token, [NotNullWhen(false)] out string? problem)
    {
        problem = token is null || ListSpacesRequest.IsValidPageToken(token)
            ? null
            : $"page_token must be the next_page_token of a previous page: at most {ListSpacesRequest.MaxPageTokenLength} characters of letters, digits and -_.=+/:~%.";
        return problem is null;
    }
}
