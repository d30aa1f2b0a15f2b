using System.Net;
using GenieCanvas.Testing;
using NATS.Client.Services;

namespace GenieCanvas.Bridge.Tests;

/// <summary>
/// A class fixture: a nats-server, a genie service of the test that answers genie.get and genie.list with <c>handler</c>
/// (<see cref="TestGenieService"/>, records what reaches it) and the bridge in front, ready.
/// </summary>
public abstract class ScriptedGenieStack(Func<NatsSvcMsg<byte[]>, ValueTask> handler) : IAsyncLifetime
{
    public NatsServerProcess Nats { get; private set; } = null!;
    public BridgeProcess Bridge { get; private set; } = null!;
    public TestGenieService Genie { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Nats = await NatsServerProcess.StartAsync();
        Genie = await TestGenieService.StartAsync(Nats.Url, handler, cts.Token, listToo: true);
        Bridge = await BridgeProcess.StartAsync(Nats.Url);
        await Eventually.StatusAsync(Bridge.Client, "/health/ready", HttpStatusCode.OK, cts.Token);
    }

    public async Task DisposeAsync()
    {
        await Bridge.DisposeAsync();
        await Genie.DisposeAsync();
        await Nats.DisposeAsync();
    }
}
