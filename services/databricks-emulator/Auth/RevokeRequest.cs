using System.Text.Json.Serialization;

namespace GenieCanvas.DatabricksEmulator.Auth;

/// <summary><c>POST /_emulator/tokens/revoke</c>: one issued OAuth token, or (no token) all of them.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RevokeRequest(string? Token = null);

/// <summary>How many issued tokens were revoked.</summary>
public sealed record RevokeReply(int Revoked);
