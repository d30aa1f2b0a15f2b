using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenieCanvas.Testing;

/// <summary>
/// The Databricks workspace emulator (services/databricks-emulator), really started on a free loopback port with
/// its own random credentials, plus its admin API (faults, call counts) for the test that owns it.
/// </summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    public const string AssemblyName = "GenieCanvas.DatabricksEmulator";

    /// <summary>The fixture space every test may rely on (a rich one: several tables, sample questions).</summary>
    public const string SalesSpaceId = "01f0eca3dc1b1cbc9b65fa58f94c18ad";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan AdminTimeout = TimeSpan.FromSeconds(10);

    // The admin API refuses unknown or meaningless members, so unset ones are left out.
    private static readonly JsonSerializerOptions FaultJson = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly HttpClient _admin;
    private readonly EmulatorSettings _settings;

    private EmulatorProcess(ServiceProcess process, int port, EmulatorSettings settings)
    {
        Process = process;
        Port = port;
        _settings = settings;
        _admin = new HttpClient { BaseAddress = new Uri(Url), Timeout = AdminTimeout };
    }

    public ServiceProcess Process { get; }

    public int Port { get; }

    /// <summary>The workspace URL, what DATABRICKS_HOST should be (no trailing slash).</summary>
    public string Url => $"http://127.0.0.1:{Port}";

    public string Token => _settings.Token;

    public string ClientId => _settings.ClientId;

    public string ClientSecret => _settings.ClientSecret;

    /// <summary>Starts the built emulator and waits until <c>/_emulator/health</c> answers.</summary>
    public static async Task<EmulatorProcess> StartAsync(EmulatorSettings? settings = null)
    {
        settings ??= new EmulatorSettings();
        var port = FreeTcpPort.Next();
        var environment = new Dictionary<string, string?>(settings.Environment)
        {
            ["EMULATOR_TOKEN"] = settings.Token,
            ["EMULATOR_CLIENT_ID"] = settings.ClientId,
            ["EMULATOR_CLIENT_SECRET"] = settings.ClientSecret,
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        };
        if (settings.TokenTtlSeconds is { } ttl)
        {
            environment["EMULATOR_TOKEN_TTL_SECONDS"] = ttl.ToString(CultureInfo.InvariantCulture);
        }
        var process = ServiceProcess.StartDotnet(AssemblyName, environment, ["--urls", $"http://127.0.0.1:{port}"]);
        var emulator = new EmulatorProcess(process, port, settings);
        try
        {
            await process.WaitUntilAsync(emulator.IsHealthyAsync, StartTimeout, "healthy");
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
        return emulator;
    }

    /// <summary>Adds a fault; returns it as stored (with its id). Fails with the emulator's message if it refused it.</summary>
    public async Task<EmulatorFault> InjectFaultAsync(EmulatorFault fault, CancellationToken cancellationToken = default)
    {
        using var response = await _admin.PostAsJsonAsync("/_emulator/faults", fault with { Id = null }, FaultJson, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The emulator refused the fault ({(int)response.StatusCode}): {body}");
        }
        return JsonSerializer.Deserialize<EmulatorFault>(body)!;
    }

    public async Task ClearFaultsAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _admin.DeleteAsync("/_emulator/faults", cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Clears faults and call counts.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _admin.PostAsync("/_emulator/reset", content: null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<EmulatorCalls> CallsAsync(CancellationToken cancellationToken = default) =>
        await _admin.GetFromJsonAsync<EmulatorCalls>("/_emulator/calls", cancellationToken)
        ?? throw new InvalidOperationException("The emulator answered /_emulator/calls with null.");

    /// <summary>Requests that reached Databricks paths: all of them, or those about one space.</summary>
    public async Task<long> CallCountAsync(string? spaceId = null, CancellationToken cancellationToken = default)
    {
        var calls = await CallsAsync(cancellationToken);
        return spaceId is null ? calls.Total : calls.ForSpace(spaceId);
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await Process.DisposeAsync();
    }

    private async Task<bool> IsHealthyAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        using var response = await _admin.GetAsync("/_emulator/health", cts.Token);
        return response.IsSuccessStatusCode;
    }
}
