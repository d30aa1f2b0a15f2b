using System.Net;
using GenieCanvas.Testing;

namespace GenieCanvas.EndToEnd.Tests;

/// <summary>
/// Everything behind the page, each part a real process: nats-server, the Databricks emulator, a genie responder
/// (PAT auth against the emulator) and the bridge serving the built frontend (frontend/dist).
/// </summary>
public sealed class CanvasStack : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private CanvasStack(NatsServerProcess nats, EmulatorProcess emulator)
    {
        Nats = nats;
        Emulator = emulator;
    }

    public NatsServerProcess Nats { get; }
    public EmulatorProcess Emulator { get; }
    public ResponderProcess? Responder { get; private set; }
    public BridgeProcess Bridge { get; private set; } = null!;

    /// <summary>frontend/dist, built by `npm run build` (test.sh does it before the .NET tests).</summary>
    public static string FrontendDist { get; } = Path.Combine(RepoPaths.Root, "frontend", "dist");

    public static async Task<CanvasStack> StartAsync()
    {
        if (!File.Exists(Path.Combine(FrontendDist, "index.html")))
        {
            throw new InvalidOperationException($"The frontend is not built: run `npm ci && npm run build` in frontend/ ({FrontendDist}).");
        }
        var nats = await NatsServerProcess.StartAsync();
        EmulatorProcess? emulator = null;
        try
        {
            emulator = await EmulatorProcess.StartAsync();
        }
        catch
        {
            await nats.DisposeAsync();
            throw;
        }
        var stack = new CanvasStack(nats, emulator);
        try
        {
            await stack.StartResponderAsync();
            stack.Bridge = await BridgeProcess.StartAsync(nats.Url, new Dictionary<string, string?>
            {
                ["Bridge__FrontendPath"] = FrontendDist,
                ["GENIE_DEFAULT_SPACE_ID"] = EmulatorProcess.SalesSpaceId,
            });
            await stack.WaitForReadinessAsync(HttpStatusCode.OK);
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

    /// <summary>Polls the bridge's /health/ready until it answers <paramref name="expected"/> (200 ready, 503 not).</summary>
    public async Task WaitForReadinessAsync(HttpStatusCode expected)
    {
        using var cts = new CancellationTokenSource(ReadyTimeout);
        var last = (HttpStatusCode)0;
        while (true)
        {
            try
            {
                using var response = await Bridge.Client.GetAsync("/health/ready", cts.Token);
                last = response.StatusCode;
                if (last == expected)
                {
                    return;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(200), cts.Token);
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"/health/ready did not answer {(int)expected} within {ReadyTimeout.TotalSeconds} s (last: {(int)last}).");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Bridge is not null)
        {
            await Bridge.DisposeAsync();
        }
        await StopResponderAsync();
        await Emulator.DisposeAsync();
        await Nats.DisposeAsync();
    }
}
