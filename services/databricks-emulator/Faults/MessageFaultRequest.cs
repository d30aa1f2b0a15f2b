using System.Text.Json.Serialization;

namespace GenieCanvas.DatabricksEmulator.Faults;

/// <summary>
/// The body of <c>POST /_emulator/genie/faults</c>: how the next Genie messages (of one space, or any) end.
/// <c>status</c> FAILED (with <c>error_type</c> and <c>error</c>), CANCELLED or QUERY_RESULT_EXPIRED; <c>step_ms</c>
/// makes them slow (each status step lasts that long). Unknown members are refused.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record MessageFaultRequest(
    string? SpaceId = null,
    string? Status = null,
    string? ErrorType = null,
    string? Error = null,
    int? StepMs = null,
    int? Times = null);

/// <summary>A stored message fault; <see cref="Remaining"/> counts down from times (null = until cleared).</summary>
public sealed record MessageFault(
    int Id, string? SpaceId, string? Status, string? ErrorType, string? Error, int? StepMs, int? Times, int? Remaining, int Applied);
