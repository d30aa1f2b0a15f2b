using System.Security.Cryptography;

namespace GenieCanvas.Testing;

/// <summary>
/// The credentials an <see cref="EmulatorProcess"/> accepts. By default every instance gets fresh random values,
/// so a test can search logs and replies for them and prove that secrets never leak.
/// </summary>
public sealed record EmulatorSettings
{
    /// <summary>The personal access token (EMULATOR_TOKEN).</summary>
    public string Token { get; init; } = "dapi" + RandomHex();

    /// <summary>The OAuth M2M client id (EMULATOR_CLIENT_ID).</summary>
    public string ClientId { get; init; } = "client-" + RandomHex()[..12];

    /// <summary>The OAuth M2M client secret (EMULATOR_CLIENT_SECRET).</summary>
    public string ClientSecret { get; init; } = "dose" + RandomHex();

    /// <summary>Lifetime of issued OAuth tokens (EMULATOR_TOKEN_TTL_SECONDS); null = the emulator's default, 3600.</summary>
    public int? TokenTtlSeconds { get; init; }

    /// <summary>More environment for the emulator process (e.g. Serilog__MinimumLevel__Default).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    private static string RandomHex() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
