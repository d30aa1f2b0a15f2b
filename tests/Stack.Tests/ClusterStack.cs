using GenieCanvas.Testing;

namespace GenieCanvas.Stack.Tests;

/// <summary>
/// The documented placement, on the three-node cluster: responder A on node 1, responder B on node 2, the bridge on
/// node 3. Each service gets every node in NATS_URL, its own first, with NATS_URL_ORDERED=1, so it connects there and,
/// when that node is lost, moves on to the next in its list. Shipped timeouts: nothing here shortens a budget or a wait.
/// </summary>
internal sealed class ClusterStack : IAsyncDisposable
{
    public const string ResponderName = "genie-responder";
    public const string BridgeName = "genie-http-bridge";
    public static readonly string SalesPath = "/api/genie/get?space_id=" + EmulatorProcess.SalesSpaceId;

    private ClusterStack(ClusterNodes cluster, EmulatorProcess emulator, ResponderProcess a, ResponderProcess b, BridgeProcess bridge)
    {
        Cluster = cluster;
        Emulator = emulator;
        ResponderA = a;
        ResponderB = b;
        Bridge = bridge;
    }

    public ClusterNodes Cluster { get; }

    public EmulatorProcess Emulator { get; }

    public ResponderProcess ResponderA { get; }

    public ResponderProcess ResponderB { get; }

    public BridgeProcess Bridge { get; }

    public static async Task<ClusterStack> StartAsync(IReadOnlyDictionary<string, string?>? bridgeEnv = null)
    {
        var cluster = await ClusterNodes.StartAsync();
        var started = new List<IAsyncDisposable> { cluster };
        try
        {
            var emulator = await EmulatorProcess.StartAsync();
            started.Add(emulator);
            var credentials = new Dictionary<string, string?> { ["DATABRICKS_TOKEN"] = emulator.Token };
            var a = await ResponderProcess.StartAsync(cluster.UrlsFrom(1), emulator.Url, Ordered(credentials));
            started.Add(a);
            var b = await ResponderProcess.StartAsync(cluster.UrlsFrom(2), emulator.Url, Ordered(credentials));
            started.Add(b);
            var bridge = await BridgeProcess.StartAsync(cluster.UrlsFrom(3), Ordered(bridgeEnv ?? new Dictionary<string, string?>()));
            started.Add(bridge);
            var stack = new ClusterStack(cluster, emulator, a, b, bridge);
            await Eventually.TrueAsync(
                async () => (await Http.TryGetAsync(bridge.Client, SalesPath)).Status == 200
                    && await cluster.ClientsAsync(1, ResponderName) == 1 && await cluster.ClientsAsync(2, ResponderName) == 1
                    && await cluster.ClientsAsync(3, BridgeName) == 1,
                TimeSpan.FromSeconds(30),
                () => $"the stack did not come up as placed (node 1, 2, 3 hold {cluster.PlacementAsync().GetAwaiter().GetResult()}):\n" + bridge.Process.Output[^2000..]);
            return stack;
        }
        catch
        {
            started.Reverse();
            foreach (var part in started)
            {
                await part.DisposeAsync();
            }
            throw;
        }
    }

    /// <summary>How many genie.get requests a responder logged as handled (its one line per request).</summary>
    public static int Handled(ResponderProcess responder) =>
        responder.Process.Output.Split('\n').Count(line => line.Contains("Handled genie.get request", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await Bridge.DisposeAsync();
        await ResponderB.DisposeAsync();
        await ResponderA.DisposeAsync();
        await Emulator.DisposeAsync();
        await Cluster.DisposeAsync();
    }

    private static Dictionary<string, string?> Ordered(IReadOnlyDictionary<string, string?> env) =>
        new(env) { ["NATS_URL_ORDERED"] = "1" };
}
