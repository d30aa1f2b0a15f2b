namespace GenieCanvas.DatabricksEmulator.Admin;

/// <summary><c>GET /_emulator/health</c>.</summary>
public sealed record HealthReply(string Status, string Service, int Spaces);
