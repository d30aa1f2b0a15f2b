using System.Text.Json.Serialization;

namespace GenieCanvas.DatabricksEmulator.Faults;

/// <summary>
/// The body of <c>POST /_emulator/faults</c>. Unknown members are refused, so a typo cannot silently
/// inject a different fault than the test meant.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record FaultRequest(
    string? SpaceId = null,
    string? PathPrefix = null,
    int? Status = null,
    string? ErrorCode = null,
    string? Message = null,
    int? Times = null,
    string? RetryAfter = null,
    int? DelayMs = null,
    string? Method = null);
