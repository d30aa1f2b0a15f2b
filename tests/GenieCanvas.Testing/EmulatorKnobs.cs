using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenieCanvas.Testing;

/// <summary>
/// A Genie message fault for the emulator's <c>POST /_emulator/genie/faults</c>: the next matching messages end
/// <see cref="Status"/> (FAILED with <see cref="ErrorType"/>/<see cref="Error"/>, CANCELLED, QUERY_RESULT_EXPIRED), or
/// are slow (<see cref="StepMs"/> per status step), for <see cref="Times"/> messages (null = until cleared).
/// </summary>
public sealed record EmulatorMessageFault
{
    public const string Failed = "FAILED";
    public const string Cancelled = "CANCELLED";
    public const string QueryResultExpired = "QUERY_RESULT_EXPIRED";

    [JsonPropertyName("space_id")] public string? SpaceId { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("error_type")] public string? ErrorType { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("step_ms")] public int? StepMs { get; init; }
    [JsonPropertyName("times")] public int? Times { get; init; }

    /// <summary>Set by the emulator on the stored fault.</summary>
    [JsonPropertyName("id")] public int? Id { get; init; }
}

/// <summary>The emulator's run-time settings (<c>GET|PATCH /_emulator/settings</c>).</summary>
public sealed record EmulatorRuntimeSettings(
    [property: JsonPropertyName("genie_step_ms")] int GenieStepMs,
    [property: JsonPropertyName("data_rooms_enabled")] bool DataRoomsEnabled);

/// <summary>
/// The emulator's run-time knobs for tests of any suite: Genie step time, data-rooms on/off, message faults, token
/// revocation. <see cref="EmulatorProcess.ResetAsync"/> returns the settings to their start values and clears message faults.
/// For a whole process, start it with <c>EMULATOR_GENIE_STEP_MS</c> / <c>EMULATOR_DATA_ROOMS_ENABLED</c> in
/// <see cref="EmulatorSettings.Environment"/> instead (see <see cref="GenieStepEnvironment"/>).
/// </summary>
public static class EmulatorKnobs
{
    private static readonly HttpClient Admin = new() { Timeout = TimeSpan.FromSeconds(10) };
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Environment that starts an emulator with this Genie step time (and data-rooms on or off).</summary>
    public static IReadOnlyDictionary<string, string?> GenieStepEnvironment(int stepMs, bool dataRoomsEnabled = true) =>
        new Dictionary<string, string?>
        {
            ["EMULATOR_GENIE_STEP_MS"] = stepMs.ToString(CultureInfo.InvariantCulture),
            ["EMULATOR_DATA_ROOMS_ENABLED"] = dataRoomsEnabled ? "true" : "false",
        };

    /// <summary>Each Genie status step lasts this long from now on (an answer takes about four steps).</summary>
    public static Task<EmulatorRuntimeSettings> SetGenieStepAsync(this EmulatorProcess emulator, int stepMs, CancellationToken cancellationToken = default) =>
        PatchSettingsAsync(emulator, new Dictionary<string, object> { ["genie_step_ms"] = stepMs }, cancellationToken);

    /// <summary>false: <c>/api/2.0/data-rooms/{id}</c> answers 404 ENDPOINT_NOT_FOUND, as on a workspace without it.</summary>
    public static Task<EmulatorRuntimeSettings> SetDataRoomsEnabledAsync(this EmulatorProcess emulator, bool enabled, CancellationToken cancellationToken = default) =>
        PatchSettingsAsync(emulator, new Dictionary<string, object> { ["data_rooms_enabled"] = enabled }, cancellationToken);

    public static async Task<EmulatorRuntimeSettings> RuntimeSettingsAsync(this EmulatorProcess emulator, CancellationToken cancellationToken = default) =>
        await Admin.GetFromJsonAsync<EmulatorRuntimeSettings>(emulator.Url + "/_emulator/settings", cancellationToken)
        ?? throw new InvalidOperationException("The emulator answered /_emulator/settings with null.");

    /// <summary>Adds a Genie message fault; returns it as stored. Fails with the emulator's message if it refused it.</summary>
    public static async Task<EmulatorMessageFault> InjectMessageFaultAsync(this EmulatorProcess emulator, EmulatorMessageFault fault, CancellationToken cancellationToken = default)
    {
        using var response = await Admin.PostAsJsonAsync(emulator.Url + "/_emulator/genie/faults", fault with { Id = null }, Json, cancellationToken);
        return JsonSerializer.Deserialize<EmulatorMessageFault>(await SuccessBodyAsync(response, cancellationToken))!;
    }

    public static async Task ClearMessageFaultsAsync(this EmulatorProcess emulator, CancellationToken cancellationToken = default)
    {
        using var response = await Admin.DeleteAsync(emulator.Url + "/_emulator/genie/faults", cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Revokes the issued OAuth tokens (all, or one); later calls with them get 401. Returns how many.</summary>
    public static async Task<int> RevokeTokensAsync(this EmulatorProcess emulator, string? token = null, CancellationToken cancellationToken = default)
    {
        var body = token is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["token"] = token };
        using var response = await Admin.PostAsJsonAsync(emulator.Url + "/_emulator/tokens/revoke", body, cancellationToken);
        using var reply = JsonDocument.Parse(await SuccessBodyAsync(response, cancellationToken));
        return reply.RootElement.GetProperty("revoked").GetInt32();
    }

    private static async Task<EmulatorRuntimeSettings> PatchSettingsAsync(EmulatorProcess emulator, Dictionary<string, object> body, CancellationToken cancellationToken)
    {
        using var response = await Admin.PatchAsJsonAsync(emulator.Url + "/_emulator/settings", body, cancellationToken);
        return JsonSerializer.Deserialize<EmulatorRuntimeSettings>(await SuccessBodyAsync(response, cancellationToken))!;
    }

    private static async Task<string> SuccessBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? body
            : throw new InvalidOperationException($"The emulator refused the admin request ({(int)response.StatusCode}): {body}");
    }
}
