using System.Net;
using GenieCanvas.Testing;
using NATS.Client.Core;
using NATS.Net;

namespace GenieCanvas.Bridge.Tests;

/// <summary>
/// The whole chain, every part a real process: nats-server, the Databricks emulator, the genie responder (PAT auth),
/// the bridge; plus a NATS client of the test to ask genie.get directly and compare.
/// </summary>
public sealed class ChainStack : IAsyncDisposable
{
    private ChainStack(NatsServerProcess nats, EmulatorProcess emulator, NatsClient bus)
    {
        Nats = nats;
        Emulator = emulator;
        Bus = bus;
    }

    public NatsServerProcess Nats { get; }
    public EmulatorProcess Emulator { get; }
    public NatsClient Bus { get; }
    public ResponderProcess? Responder { get; private set; }
    public BridgeProcess Bridge { get; private set; } = null!;

    public static async Task<ChainStack> StartAsync(CancellationToken cancellationToken)
    {
        var nats = await NatsServerProcess.StartAsync();
        var emulator = await EmulatorProcess.StartAsync();
        var stack = new ChainStack(nats, emulator, new NatsClient(new NatsOpts { Url = nats.Url, Name = "bridge-tests-chain" }));
        try
        {
            await stack.StartResponderAsync();
            stack.Bridge = await BridgeProcess.StartAsync(nats.Url);
            await Eventually.StatusAsync(stack.Bridge.Client, "/health/ready", HttpStatusCode.OK, cancellationToken);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    public async Task StartResponderAsync() =>
        Responder = await ResponderProcess.StartAsync(Nats.Url, Emulator.Url,
            new Dictionary<string, string?> { ["DATABRICKS_TOKEN"] = Emulator.Token });

    public async Task StopResponderAsync()
    {
        if (Responder is not null)
        {
            await Responder.DisposeAsync();
            Responder = null;
        }
    }

    /// <summary>What genie.get answers when asked directly on the bus.</summary>
    public async Task<byte[]> RequestDirectlyAsync(string subject, string body, CancellationToken cancellationToken)
    {
        var reply = await Bus.Connection.RequestAsync<byte[], byte[]>(
            subject, System.Text.Encoding.UTF8.GetBytes(body), requestSerializer: TestGenieService.Raw, replySerializer: TestGenieService.Raw,
            replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(10) }, cancellationToken: cancellationToken);
        Assert.False(reply.Headers?.ContainsKey(Contracts.GenieHeaders.ServiceErrorCode) ?? false, $"{subject} answered an error");
        return reply.Data ?? [];
    }

    public async ValueTask DisposeAsync()
    {
        if (Bridge is not null)
        {
            await Bridge.DisposeAsync();
        }
        await StopResponderAsync();
        await Bus.DisposeAsync();
        await Emulator.DisposeAsync();
        await Nats.DisposeAsync();
    }
}
