using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using GenieCanvas.DatabricksEmulator.Admin;
using GenieCanvas.DatabricksEmulator.Auth;
using GenieCanvas.DatabricksEmulator.Calls;
using GenieCanvas.DatabricksEmulator.Databricks;
using GenieCanvas.DatabricksEmulator.Faults;

namespace GenieCanvas.DatabricksEmulator;

/// <summary>Source-generated JSON (snake_case, as Databricks writes it) for every type the emulator reads or writes.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DatabricksError))]
[JsonSerializable(typeof(OAuthTokenResponse))]
[JsonSerializable(typeof(OAuthError))]
[JsonSerializable(typeof(AuthorizationServerMetadata))]
[JsonSerializable(typeof(FaultRequest))]
[JsonSerializable(typeof(Fault))]
[JsonSerializable(typeof(IReadOnlyList<Fault>))]
[JsonSerializable(typeof(CallsReply))]
[JsonSerializable(typeof(HealthReply))]
[JsonSerializable(typeof(SettingsRequest))]
[JsonSerializable(typeof(SettingsReply))]
[JsonSerializable(typeof(MessageFaultRequest))]
[JsonSerializable(typeof(MessageFault))]
[JsonSerializable(typeof(IReadOnlyList<MessageFault>))]
[JsonSerializable(typeof(RevokeRequest))]
[JsonSerializable(typeof(RevokeReply))]
public sealed partial class EmulatorJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Writes ' and " inside strings as themselves rather than \u0027, as Databricks does. Safe: every body is
    /// application/json, never HTML.
    /// </summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>The context to use everywhere: <see cref="Default"/> with <see cref="Encoder"/>.</summary>
    public static EmulatorJsonContext Relaxed { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = Encoder,
    });
}
