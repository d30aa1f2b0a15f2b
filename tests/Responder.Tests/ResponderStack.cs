namespace GenieCanvas.Responder.Tests;

/// <summary>
/// nats-server + Databricks emulator + responder(s), all real processes, plus a NATS requester. Used as the shared
/// fixture of a collection and, by tests that restart or stop something, on its own.
/// </summary>
public sealed class ResponderStack : IAsyncDisposable
{
    private readonly List<ResponderProcess> _responders = [];

    private ResponderStack(NatsServerProcess nats, EmulatorProcess emulator, BusClient bus)
    {
        Nats = nats;
        Emulator = emulator;
        Bus = bus;
    }

    public NatsServerProcess Nats { get; }

    public EmulatorProcess Emulator { get; }

    public BusClient Bus { get; }

    public IReadOnlyList<ResponderProcess> Responders => _responders;

    public ResponderProcess Responder => _responders[0];

    /// <summary>Everything every responder of this stack printed.</summary>
    public string ResponderOutput => string.Join('\n', _responders.Select(r => r.Process.Output));

    /// <summary>Starts the stack with one responder using the emulator's PAT plus <paramref name="responderEnv"/>.</summary>
    public static async Task<ResponderStack> StartAsync(
        IReadOnlyDictionary<string, string?>? responderEnv = null, EmulatorSettings? emulatorSettings = null, bool startResponder = true)
    {
        var nats = await NatsServerProcess.StartAsync();
        EmulatorProcess? emulator = null;
        try
        {
            emulator = await EmulatorProcess.StartAsync(emulatorSettings);
            var bus = await BusClient.ConnectAsync(nats.Url);
            var stack = new ResponderStack(nats, emulator, bus);
            if (startResponder)
            {
                await stack.AddResponderAsync(responderEnv);
            }
            return stack;
        }
        catch
        {
            if (emulator is not null)
            {
                await emulator.DisposeAsync();
            }
            await nats.DisposeAsync();
            throw;
        }
    }

    /// <summary>Another responder on the same bus and emulator. By default it authenticates with the emulator's PAT.</summary>
    public async Task<ResponderProcess> AddResponderAsync(IReadOnlyDictionary<string, string?>? env = null, bool withPat = true)
    {
        var environment = new Dictionary<string, string?>();
        if (withPat)
        {
            environment["DATABRICKS_TOKEN"] = Emulator.Token;
        }
        foreach (var (key, value) in env ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }
        var responder = await ResponderProcess.StartAsync(Nats.Url, Emulator.Url, environment);
        _responders.Add(responder);
        return responder;
    }

    public async ValueTask DisposeAsync()
    {
        await Bus.DisposeAsync();
        foreach (var responder in _responders)
        {
            await responder.DisposeAsync();
        }
        await Emulator.DisposeAsync();
        await Nats.DisposeAsync();
    }
}
