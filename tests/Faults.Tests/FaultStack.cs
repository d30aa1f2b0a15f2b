using System.Globalization;
using System.Net;

namespace GenieCanvas.Faults.Tests;

/// <summary>
/// The whole chain for one scenario, every part a real process on loopback: nats-server, the Databricks emulator (its
/// own random PAT and client secret), one or more genie responders, the bridge. Everything it starts is recorded in
/// <see cref="SuiteEvidence"/> (secrets when handed out, output when the process ends) for the secrets check.
/// </summary>
public sealed class FaultStack : IAsyncDisposable
{
    private static readonly TimeSpan ProcessStopTimeout = TimeSpan.FromSeconds(15);

    private readonly StackSettings _settings;
    private readonly List<ResponderProcess> _responders = [];
    private readonly List<ResponderProcess> _ended = [];
    private readonly Dictionary<ResponderProcess, ResponderAuth> _auth = [];
    private int _responderCount;

    private FaultStack(StackSettings settings, NatsServerProcess nats, EmulatorProcess emulator)
    {
        _settings = settings;
        Nats = nats;
        Emulator = emulator;
    }

    public NatsServerProcess Nats { get; }

    public EmulatorProcess Emulator { get; }

    public BridgeProcess Bridge { get; private set; } = null!;

    /// <summary>The responders started and not killed.</summary>
    public IReadOnlyList<ResponderProcess> Responders => _responders;

    public StackSettings Settings => _settings;

    public static async Task<FaultStack> StartAsync(StackSettings settings, CancellationToken cancellationToken)
    {
        // Independent parts start side by side: the suite starts seven stacks on two cores.
        var natsTask = NatsServerProcess.StartAsync();
        var emulatorTask = EmulatorProcess.StartAsync(new EmulatorSettings { Environment = LogLevel(settings) });
        try
        {
            // The helpers time out on their own (30 s); no cancellation here, or a process started late would be lost.
            await Task.WhenAll(natsTask, emulatorTask).WaitAsync(TimeSpan.FromSeconds(45));
        }
        catch
        {
            await DisposeStartedAsync(natsTask, emulatorTask);
            throw;
        }
        var stack = new FaultStack(settings, natsTask.Result, emulatorTask.Result);
        SuiteEvidence.RegisterSecret("emulator PAT (DATABRICKS_TOKEN)", stack.Emulator.Token);
        SuiteEvidence.RegisterSecret("OAuth client secret (DATABRICKS_CLIENT_SECRET)", stack.Emulator.ClientSecret);
        Task<BridgeProcess>? bridge = null;
        try
        {
            var responders = Enumerable.Range(0, settings.Responders).Select(_ => stack.StartResponderAsync(cancellationToken)).ToList();
            bridge = BridgeProcess.StartAsync(stack.Nats.Url, new Dictionary<string, string?>(LogLevel(settings))
            {
                ["Bridge__RequestTimeout"] = settings.BridgeTimeout.ToString("c", CultureInfo.InvariantCulture),
            });
            await Task.WhenAll([.. responders, bridge]).WaitAsync(TimeSpan.FromSeconds(60));
            stack.Bridge = bridge.Result;
            await stack.WaitUntilReadyAsync(cancellationToken);
            return stack;
        }
        catch
        {
            if (bridge is { IsCompletedSuccessfully: true })
            {
                stack.Bridge = bridge.Result;
            }
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts one more responder (same bus, same emulator, same settings; <paramref name="auth"/> overrides the stack's
    /// credentials kind) and waits until it is subscribed.
    /// </summary>
    public async Task<ResponderProcess> StartResponderAsync(CancellationToken cancellationToken, ResponderAuth? auth = null)
    {
        var kind = auth ?? _settings.Auth;
        var environment = new Dictionary<string, string?>(LogLevel(_settings))
        {
            ["Responder__TotalBudget"] = _settings.ResponderBudget.ToString("c", CultureInfo.InvariantCulture),
            ["Responder__AttemptTimeout"] = Min(_settings.ResponderBudget, TimeSpan.FromSeconds(1)).ToString("c", CultureInfo.InvariantCulture),
        };
        if (kind == ResponderAuth.Pat)
        {
            environment["DATABRICKS_TOKEN"] = Emulator.Token;
        }
        else
        {
            environment["DATABRICKS_CLIENT_ID"] = Emulator.ClientId;
            environment["DATABRICKS_CLIENT_SECRET"] = Emulator.ClientSecret;
        }
        foreach (var (key, value) in _settings.ResponderEnv)
        {
            environment[key] = value;
        }
        cancellationToken.ThrowIfCancellationRequested();
        var responder = await ResponderProcess.StartAsync(Nats.Url, Emulator.Url, environment).WaitAsync(TimeSpan.FromSeconds(45));
        lock (_responders)
        {
            _responders.Add(responder);
            _auth[responder] = kind;
            _responderCount++;
        }
        return responder;
    }

    /// <summary>SIGKILL, as a crash or the OOM killer would; the process is reaped when this returns.</summary>
    public async Task KillResponderAsync(ResponderProcess responder)
    {
        await responder.Process.KillAsync().WaitAsync(ProcessStopTimeout);
        lock (_responders)
        {
            _responders.Remove(responder);
            _ended.Add(responder);
        }
    }

    /// <summary>nats-server stopped (SIGTERM) and started again on the same port.</summary>
    public async Task RestartNatsAsync()
    {
        SuiteEvidence.RecordOutput("nats-server (before restart)", Nats.Output);
        await Nats.RestartAsync().WaitAsync(TimeSpan.FromSeconds(20));
    }

    /// <summary>Polls /health/ready (cached ~1 s by the bridge) until NATS is connected and a responder answers ping.</summary>
    public async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var last = "";
        while (!timeout.IsCancellationRequested)
        {
            try
            {
                using var response = await Bridge.Client.GetAsync("/health/ready", timeout.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
                last = await response.Content.ReadAsStringAsync(timeout.Token);
                await Task.Delay(100, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        throw new TimeoutException("The bridge never became ready: " + last);
    }

    public async ValueTask DisposeAsync()
    {
        if (Bridge is not null)
        {
            await Bridge.DisposeAsync().AsTask().WaitAsync(ProcessStopTimeout);
            SuiteEvidence.RecordOutput("bridge", Bridge.Process.Output);
        }
        foreach (var responder in _responders.Concat(_ended).ToList())
        {
            await responder.DisposeAsync().AsTask().WaitAsync(ProcessStopTimeout);
            SuiteEvidence.RecordOutput(ResponderLabel(_auth[responder]), responder.Process.Output);
        }
        await Emulator.DisposeAsync().AsTask().WaitAsync(ProcessStopTimeout);
        SuiteEvidence.RecordOutput("databricks-emulator", Emulator.Process.Output);
        await Nats.DisposeAsync().AsTask().WaitAsync(ProcessStopTimeout);
        SuiteEvidence.RecordOutput("nats-server", Nats.Output);
    }

    /// <summary>How many responders this stack started in all (killed ones included).</summary>
    public int ResponderStarts => _responderCount;

    /// <summary>How a responder's output is named in <see cref="SuiteEvidence"/>.</summary>
    public static string ResponderLabel(ResponderAuth auth) => auth == ResponderAuth.Pat ? "responder (pat)" : "responder (oauth-m2m)";

    private static Dictionary<string, string?> LogLevel(StackSettings settings) =>
        settings.Verbose ? new() { ["Serilog__MinimumLevel__Default"] = "Debug" } : [];

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static async Task DisposeStartedAsync(Task<NatsServerProcess> nats, Task<EmulatorProcess> emulator)
    {
        if (nats.IsCompletedSuccessfully)
        {
            await nats.Result.DisposeAsync();
        }
        if (emulator.IsCompletedSuccessfully)
        {
            await emulator.Result.DisposeAsync();
        }
    }
}
