using System.Text.Json.Serialization;

namespace GenieCanvas.Responder.Databricks;

/// <summary>Answer of <c>POST {host}/oidc/v1/token</c>.</summary>
public sealed record OidcTokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn);

[JsonSerializable(typeof(OidcTokenResponse))]
internal sealed partial class OidcJsonContext : JsonSerializerContext;
