namespace GenieCanvas.DatabricksEmulator.Auth;

/// <summary>An OAuth 2.0 error (RFC 6749 §5.2): <c>{"error": "...", "error_description": "..."}</c>.</summary>
public sealed record OAuthError(string Error, string ErrorDescription);
