using System.Buffers;
using System.Text.Json.Serialization;

namespace GenieCanvas.Contracts;

/// <summary>Body of a <c>genie.list</c> request: <c>{}</c> or a page size and the token of the page to read.</summary>
public sealed record ListSpacesRequest(
    [property: JsonPropertyName("page_size")] int? PageSize = null,
    [property: JsonPropertyName("page_token")] string? PageToken = null)
{
    public const int MaxPageSize = 200;
    public const int MaxPageTokenLength = 1024;

    private static readonly SearchValues<char> PageTokenCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/:~%");

    /// <summary>
    /// The one page_token rule, for the bridge and the responder: 1–<see cref="MaxPageTokenLength"/> characters of
    /// letters, digits and <c>-_.=+/:~%</c> (enough for the opaque base64/base64url tokens Databricks hands out).
    /// </summary>
    public static bool IsValidPageToken(string? token) =>
        token is { Length: > 0 and <= MaxPageTokenLength } && token.AsSpan().IndexOfAnyExcept(PageTokenCharacters) < 0;
}
