namespace GenieCanvas.Responder.Tests;

/// <summary>
/// A <see cref="GenieStack"/> without the bridge (nats-server, Databricks emulator, responders) plus a NATS requester.
/// Used as the shared fixture of a collection and, by tests that restart or stop something, on its own.
/// </summary>
public sealed class ResponderStack : IAsyncDisposable
{
    private readonly GenieStack _stack;

    private ResponderStack(GenieStack stack, BusClient bus)
    {
        _stack = stack;
        Bus = bus;
    }

    public NatsServerProcess Nats => _stack.Nats;

    public EmulatorProcess Emulator => _stack.Emulator;

    public BusClient Bus { get; }

    public IReadOnlyList<ResponderProcess> Responders => _stack.Responders;

    public ResponderProcess Responder => _stack.Responders[0];

    /// <summary>Everything every responder of this stack printed.</summary>
    public string ResponderOutput => _stack.ResponderOutput;

    /// <summary>Starts the stack with one responder using the emulator's PAT plus <paramref name="responderEnv"/>.</summary>
    public static async Task<ResponderStack> StartAsync(
        IReadOnlyDictionary<string, string?>? responderEnv = null, EmulatorSettings? emulatorSettings = null, bool startResponder = true)
    {
        var stack = await GenieStack.StartAsync(new GenieStackOptions
        {
            Emulator = emulatorSettings,
            Responders = startResponder ? 1 : 0,
            ResponderEnv = responderEnv ?? new Dictionary<string, string?>(),
        });
        try
        {
            return new ResponderStack(stack, await BusClient.ConnectAsync(stack.Nats.Url));
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>Another responder on the same bus and emulator. By default it authenticates with the emulator's PAT.</summary>
    public Task<ResponderProcess> AddResponderAsync(IReadOnlyDictionary<string, string?>? env = null, bool withPat = true) =>
        _stack.StartResponderAsync(withPat ? ResponderAuth.Pat : ResponderAuth.None, env);

    public async ValueTask DisposeAsync()
    {
        await Bus.DisposeAsync();
        await _stack.DisposeAsync();
    }
}
