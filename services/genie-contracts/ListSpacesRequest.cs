using System.Text.Json.Serialization;

namespace GenieCanvas.Contracts;

/// <summary>Body of a <c>genie.list</c> request: <c>{}</c> or a page size and the token of the page to read.</summary>
public sealed record ListSpacesRequest(
    [property: JsonPropertyName("page_size")] int? PageSize = null,
    [property: JsonPropertyName("page_token")] string? PageToken = null)
{
    public const int MaxPageSize = 200;
    public const int MaxPageTokenLength = 1024;
}
