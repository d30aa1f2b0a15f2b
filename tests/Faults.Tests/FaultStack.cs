using System.Globalization;

namespace GenieCanvas.Faults.Tests;

/// <summary>
/// The whole chain for one scenario (<see cref="GenieStack"/> with the bridge, configured by <see cref="StackSettings"/>).
/// Everything it starts is recorded in <see cref="SuiteEvidence"/> (secrets when handed out, output when the process
/// ends) for the secrets check.
/// </summary>
public sealed class FaultStack : IAsyncDisposable
{
    private readonly GenieStack _stack;

    private FaultStack(StackSettings settings, GenieStack stack)
    {
        Settings = settings;
        _stack = stack;
    }

    public StackSettings Settings { get; }

    public NatsServerProcess Nats => _stack.Nats;

    public EmulatorProcess Emulator => _stack.Emulator;

    public BridgeProcess Bridge => _stack.Bridge;

    /// <summary>The responders started and not killed.</summary>
    public IReadOnlyList<ResponderProcess> Responders => _stack.Responders;

    public static async Task<FaultStack> StartAsync(StackSettings settings, CancellationToken cancellationToken)
    {
        var emulator = new EmulatorSettings { Environment = LogLevel(settings) };
        SuiteEvidence.RegisterSecret("emulator PAT (DATABRICKS_TOKEN)", emulator.Token);
        SuiteEvidence.RegisterSecret("OAuth client secret (DATABRICKS_CLIENT_SECRET)", emulator.ClientSecret);
        var stack = await GenieStack.StartAsync(new GenieStackOptions
        {
            Emulator = emulator,
            Responders = settings.Responders,
            Auth = settings.Auth,
            ResponderEnv = ResponderEnv(settings),
            Bridge = true,
            BridgeEnv = new Dictionary<string, string?>(LogLevel(settings))
            {
                ["Bridge__RequestTimeout"] = Format(settings.BridgeTimeout),
            },
        }, cancellationToken);
        return new FaultStack(settings, stack);
    }

    /// <summary>Starts one more responder (<paramref name="auth"/> overrides the stack's credentials kind).</summary>
    public Task<ResponderProcess> StartResponderAsync(CancellationToken cancellationToken, ResponderAuth? auth = null) =>
        _stack.StartResponderAsync(auth, cancellationToken: cancellationToken);

    /// <inheritdoc cref="GenieStack.KillResponderAsync"/>
    public Task KillResponderAsync(ResponderProcess responder) => _stack.KillResponderAsync(responder);

    /// <summary>nats-server stopped (SIGTERM) and started again on the same port.</summary>
    public async Task RestartNatsAsync()
    {
        SuiteEvidence.RecordOutput("nats-server (before restart)", Nats.Output);
        await Nats.RestartAsync().WaitAsync(TimeSpan.FromSeconds(20));
    }

    public async ValueTask DisposeAsync()
    {
        await _stack.DisposeAsync();
        SuiteEvidence.RecordOutput("bridge", Bridge.Process.Output);
        foreach (var (responder, auth) in _stack.StartedResponders)
        {
            SuiteEvidence.RecordOutput(ResponderLabel(auth), responder.Process.Output);
        }
        SuiteEvidence.RecordOutput("databricks-emulator", Emulator.Process.Output);
        SuiteEvidence.RecordOutput("nats-server", Nats.Output);
    }

    /// <summary>How a responder's output is named in <see cref="SuiteEvidence"/>.</summary>
    public static string ResponderLabel(ResponderAuth auth) => auth == ResponderAuth.Pat ? "responder (pat)" : "responder (oauth-m2m)";

    /// <summary>The budgets derived from the settings, then the scenario's own Responder__* settings, which win.</summary>
    private static Dictionary<string, string?> ResponderEnv(StackSettings settings)
    {
        var env = LogLevel(settings);
        env["Responder__TotalBudget"] = Format(settings.ResponderBudget);
        env["Responder__AttemptTimeout"] = Format(Min(settings.ResponderBudget, TimeSpan.FromSeconds(1)));
        foreach (var (key, value) in settings.ResponderEnv)
        {
            env[key] = value;
        }
        return env;
    }

    private static Dictionary<string, string?> LogLevel(StackSettings settings) =>
        settings.Verbose ? new() { ["Serilog__MinimumLevel__Default"] = "Debug" } : [];

    private static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
