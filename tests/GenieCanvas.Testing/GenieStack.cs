using System.Net;

namespace GenieCanvas.Testing;

/// <summary>
/// The chain behind the page, every part a real process on loopback: a nats-server, the Databricks emulator with its own
/// random credentials, genie responders that authenticate to it (<see cref="ResponderAuth"/>) and, if asked, the
/// http-bridge. Responders can be started, stopped and killed while it runs. Disposing stops everything front to back:
/// bridge, responders, emulator, nats-server. A suite keeps what is its own (a bus client, evidence) in a thin type on top.
/// </summary>
public sealed class GenieStack : IAsyncDisposable
{
    // Every process helper gives up after 30 s on its own; these bound a whole phase of starts side by side.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan StartAllTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StartReadyTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan DefaultReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly GenieStackOptions _options;
    private readonly Lock _gate = new();
    private readonly List<ResponderProcess> _running = [];
    private readonly List<(ResponderProcess Responder, ResponderAuth Auth)> _started = [];
    private BridgeProcess? _bridge;

    private GenieStack(GenieStackOptions options, NatsServerProcess nats, EmulatorProcess emulator)
    {
        _options = options;
        Nats = nats;
        Emulator = emulator;
    }

    public NatsServerProcess Nats { get; }

    public EmulatorProcess Emulator { get; }

    public BridgeProcess Bridge => _bridge ?? throw new InvalidOperationException("This stack runs no bridge (GenieStackOptions.Bridge).");

    /// <summary>The responders started and not stopped or killed, oldest first.</summary>
    public IReadOnlyList<ResponderProcess> Responders
    {
        get
        {
            lock (_gate)
            {
                return [.. _running];
            }
        }
    }

    /// <summary>Every responder this stack started (stopped and killed ones too) and the credentials it was given.</summary>
    public IReadOnlyList<(ResponderProcess Responder, ResponderAuth Auth)> StartedResponders
    {
        get
        {
            lock (_gate)
            {
                return [.. _started];
            }
        }
    }

    /// <summary>Everything every responder of this stack printed.</summary>
    public string ResponderOutput => string.Join('\n', StartedResponders.Select(r => r.Responder.Process.Output));

    /// <summary>Starts the stack; with a bridge and at least one responder, returns once the bridge is ready.</summary>
    public static async Task<GenieStack> StartAsync(GenieStackOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new GenieStackOptions();
        // Independent parts start side by side. No cancellation of a start: a process started late would be lost.
        var natsTask = NatsServerProcess.StartAsync(jetStream: options.JetStream);
        var emulatorTask = EmulatorProcess.StartAsync(options.Emulator);
        try
        {
            await Task.WhenAll(natsTask, emulatorTask).WaitAsync(StartTimeout);
        }
        catch
        {
            await DisposeIfStartedAsync(natsTask);
            await DisposeIfStartedAsync(emulatorTask);
            throw;
        }
        var stack = new GenieStack(options, natsTask.Result, emulatorTask.Result);
        try
        {
            var starting = new List<Task>();
            for (var i = 0; i < options.Responders; i++)
            {
                starting.Add(stack.StartResponderAsync(cancellationToken: cancellationToken));
            }
            if (options.Bridge)
            {
                starting.Add(stack.StartBridgeAsync());
            }
            await Task.WhenAll(starting).WaitAsync(StartAllTimeout);
            if (options.Bridge && options.Responders > 0)
            {
                await stack.WaitForReadinessAsync(HttpStatusCode.OK, StartReadyTimeout, cancellationToken);
            }
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts one more responder on the same bus and emulator and waits until it is subscribed. It gets the credentials
    /// of <paramref name="auth"/> (default: the stack's), then the stack's responder environment, then <paramref name="env"/>
    /// (a null value unsets a variable, e.g. DATABRICKS_HOST when a profile supplies it).
    /// </summary>
    public async Task<ResponderProcess> StartResponderAsync(
        ResponderAuth? auth = null, IReadOnlyDictionary<string, string?>? env = null, CancellationToken cancellationToken = default)
    {
        var kind = auth ?? _options.Auth;
        var environment = new Dictionary<string, string?>();
        if (kind == ResponderAuth.Pat)
        {
            environment["DATABRICKS_TOKEN"] = Emulator.Token;
        }
        else if (kind == ResponderAuth.OAuthM2M)
        {
            environment["DATABRICKS_CLIENT_ID"] = Emulator.ClientId;
            environment["DATABRICKS_CLIENT_SECRET"] = Emulator.ClientSecret;
        }
        foreach (var (key, value) in _options.ResponderEnv.Concat(env ?? new Dictionary<string, string?>()))
        {
            environment[key] = value;
        }
        cancellationToken.ThrowIfCancellationRequested();
        var responder = await ResponderProcess.StartAsync(Nats.Url, Emulator.Url, environment).WaitAsync(StartTimeout);
        lock (_gate)
        {
            _running.Add(responder);
            _started.Add((responder, kind));
        }
        return responder;
    }

    /// <summary>SIGTERM, as an operator would (SIGKILL after 5 s); the process has ended when this returns.</summary>
    public async Task StopResponderAsync(ResponderProcess responder)
    {
        await responder.Process.StopAsync().WaitAsync(StopTimeout);
        Forget(responder);
    }

    /// <summary>Stops every running responder (<see cref="StopResponderAsync"/>): the bus has none left.</summary>
    public async Task StopRespondersAsync()
    {
        foreach (var responder in Responders)
        {
            await StopResponderAsync(responder);
        }
    }

    /// <summary>SIGKILL, as a crash or the OOM killer would; the process is reaped when this returns.</summary>
    public async Task KillResponderAsync(ResponderProcess responder)
    {
        await responder.Process.KillAsync().WaitAsync(StopTimeout);
        Forget(responder);
    }

    /// <summary>Polls the bridge's /health/ready (cached ~1 s by the bridge) until it answers <paramref name="expected"/>.</summary>
    public async Task WaitForReadinessAsync(HttpStatusCode expected, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? DefaultReadyTimeout;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(limit);
        var last = "no answer";
        try
        {
            while (true)
            {
                using var response = await Bridge.Client.GetAsync("/health/ready", cts.Token);
                if (response.StatusCode == expected)
                {
                    return;
                }
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cts.Token)}";
                await Task.Delay(100, cts.Token);
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"/health/ready did not answer {(int)expected} within {limit.TotalSeconds} s (last: {last}).");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_bridge is not null)
        {
            await _bridge.DisposeAsync().AsTask().WaitAsync(StopTimeout);
        }
        foreach (var (responder, _) in StartedResponders)
        {
            await responder.DisposeAsync().AsTask().WaitAsync(StopTimeout);
        }
        await Emulator.DisposeAsync().AsTask().WaitAsync(StopTimeout);
        await Nats.DisposeAsync().AsTask().WaitAsync(StopTimeout);
    }

    private async Task StartBridgeAsync() => _bridge = await BridgeProcess.StartAsync(Nats.Url, _options.BridgeEnv);

    private void Forget(ResponderProcess responder)
    {
        lock (_gate)
        {
            _running.Remove(responder);
        }
    }

    private static async Task DisposeIfStartedAsync<T>(Task<T> start) where T : IAsyncDisposable
    {
        if (start.IsCompletedSuccessfully)
        {
            await start.Result.DisposeAsync();
        }
    }
}
