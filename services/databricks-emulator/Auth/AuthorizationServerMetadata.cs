using System.Text.Json.Serialization;

namespace GenieCanvas.DatabricksEmulator.Auth;

/// <summary>
/// <c>GET /oidc/.well-known/oauth-authorization-server</c> (RFC 8414): where the SDKs find the token endpoint.
/// </summary>
public sealed record AuthorizationServerMetadata(
    string Issuer,
    string AuthorizationEndpoint,
    string TokenEndpoint,
    [property: JsonPropertyName("jwks_uri")] string JwksUri,
    IReadOnlyList<string> GrantTypesSupported,
    IReadOnlyList<string> ResponseTypesSupported,
    IReadOnlyList<string> ScopesSupported,
    IReadOnlyList<string> TokenEndpointAuthMethodsSupported);
