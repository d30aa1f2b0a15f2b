using System.Text.Json.Serialization;

namespace GenieCanvas.Testing;

/// <summary>
/// A fault for the emulator's <c>POST /_emulator/faults</c>: which requests it matches (<see cref="SpaceId"/>,
/// <see cref="PathPrefix"/>; none = every Databricks request) and what it does: answer <see cref="Status"/> with a
/// Databricks error body, wait <see cref="DelayMs"/> first (alone: a slow success), for <see cref="Times"/>
/// matching requests (null = until cleared).
/// </summary>
public sealed record EmulatorFault
{
    [JsonPropertyName("space_id")] public string? SpaceId { get; init; }
    [JsonPropertyName("path_prefix")] public string? PathPrefix { get; init; }
    [JsonPropertyName("status")] public int? Status { get; init; }
    [JsonPropertyName("error_code")] public string? ErrorCode { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("times")] public int? Times { get; init; }
    [JsonPropertyName("retry_after")] public string? RetryAfter { get; init; }
    [JsonPropertyName("delay_ms")] public int? DelayMs { get; init; }

    /// <summary>Match only this HTTP method (e.g. "POST": a 429 on the Genie POSTs while polling GETs pass).</summary>
    [JsonPropertyName("method")] public string? Method { get; init; }

    /// <summary>Set by the emulator on the stored fault.</summary>
    [JsonPropertyName("id")] public int? Id { get; init; }
}
