using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace GenieCanvas.DatabricksEmulator;

/// <summary>
/// The credentials the emulated workspace accepts, bound from the environment variables named below
/// (the same names start.sh and the tests pass). Values are never logged.
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>The personal access token accepted as <c>Authorization: Bearer …</c>.</summary>
    [ConfigurationKeyName("EMULATOR_TOKEN")]
    [Required(AllowEmptyStrings = false, ErrorMessage = "EMULATOR_TOKEN must not be empty.")]
    public string Token { get; set; } = "dapi-emulator-demo";

    /// <summary>The OAuth machine-to-machine client id accepted by <c>/oidc/v1/token</c>.</summary>
    [ConfigurationKeyName("EMULATOR_CLIENT_ID")]
    [Required(AllowEmptyStrings = false, ErrorMessage = "EMULATOR_CLIENT_ID must not be empty.")]
    public string ClientId { get; set; } = "emulator-client";

    /// <summary>The secret that goes with <see cref="ClientId"/>.</summary>
    [ConfigurationKeyName("EMULATOR_CLIENT_SECRET")]
    [Required(AllowEmptyStrings = false, ErrorMessage = "EMULATOR_CLIENT_SECRET must not be empty.")]
    public string ClientSecret { get; set; } = "emulator-secret";

    /// <summary>Lifetime of issued OAuth access tokens (Databricks: one hour).</summary>
    [ConfigurationKeyName("EMULATOR_TOKEN_TTL_SECONDS")]
    [Range(1, 86_400, ErrorMessage = "EMULATOR_TOKEN_TTL_SECONDS must be from 1 to 86400 seconds.")]
    public int TokenTtlSeconds { get; set; } = 3600;

    /// <summary>
    /// How long each Genie message status step lasts (SUBMITTED → FETCHING_METADATA → ASKING_AI → EXECUTING_QUERY →
    /// COMPLETED), so an answer takes about 4 steps. Tests and benchmarks set it low (e.g. 50) or change it at run time
    /// through <c>PATCH /_emulator/settings</c>.
    /// </summary>
    [ConfigurationKeyName("EMULATOR_GENIE_STEP_MS")]
    [Range(1, 60_000, ErrorMessage = "EMULATOR_GENIE_STEP_MS must be from 1 to 60000 milliseconds.")]
    public int GenieStepMs { get; set; } = 500;

    /// <summary>
    /// Whether the internal <c>/api/2.0/data-rooms/{id}</c> exists. false makes it answer 404 ENDPOINT_NOT_FOUND, as a
    /// workspace without that internal API does, so a client's fallback to the public Genie API can be tested.
    /// </summary>
    [ConfigurationKeyName("EMULATOR_DATA_ROOMS_ENABLED")]
    public bool DataRoomsEnabled { get; set; } = true;
}
