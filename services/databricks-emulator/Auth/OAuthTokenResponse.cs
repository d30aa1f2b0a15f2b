namespace GenieCanvas.DatabricksEmulator.Auth;

/// <summary>The answer of <c>POST /oidc/v1/token</c> (client_credentials).</summary>
public sealed record OAuthTokenResponse(string AccessToken, string TokenType, int ExpiresIn, string Scope);
