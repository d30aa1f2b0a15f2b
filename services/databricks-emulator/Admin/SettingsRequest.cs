using System.Text.Json.Serialization;

namespace GenieCanvas.DatabricksEmulator.Admin;

/// <summary><c>PATCH /_emulator/settings</c>: only the members given change. Unknown members are refused.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SettingsRequest(int? GenieStepMs = null, bool? DataRoomsEnabled = null)
{
    public const int MaxStepMs = 60_000;

    public string? Problem() => GenieStepMs is { } step && step is < 1 or > MaxStepMs
        ? $"genie_step_ms must be from 1 to {MaxStepMs}; got {step}."
        : GenieStepMs is null && DataRoomsEnabled is null
            ? "Give at least one of genie_step_ms (e.g. 50) and data_rooms_enabled (true or false)."
            : null;
}

/// <summary><c>GET /_emulator/settings</c>.</summary>
public sealed record SettingsReply(int GenieStepMs, bool DataRoomsEnabled);
