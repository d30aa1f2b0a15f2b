using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using GenieCanvas.Testing;

namespace GenieCanvas.Stack.Tests;

/// <summary>
/// The three-node cluster of deploy/nats/cluster, really started: the shipped configs with every port (client 423n,
/// route 623n, monitoring 823n) moved to a free one, so a test never collides with a cluster someone runs on the
/// documented ports, and each node its own JetStream store, as on three machines. Nodes are numbered 1–3.
/// </summary>
internal sealed partial class ClusterNodes : IAsyncDisposable
{
    private readonly ServiceProcess?[] _nodes = new ServiceProcess?[3];
    private readonly Dictionary<int, int> _portMap = [];
    private readonly HttpClient _monitor = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(3) };

    private ClusterNodes(string scratch) => Scratch = scratch;

    public string Scratch { get; }

    public string NodeUrl(int n) => $"nats://127.0.0.1:{_portMap[4230 + n]}";

    /// <summary>Every node's URL, starting with <paramref name="first"/> and going round (2 → node2, node3, node1).</summary>
    public string UrlsFrom(int first) => string.Join(",", Enumerable.Range(0, 3).Select(i => NodeUrl((first - 1 + i) % 3 + 1)));

    public ServiceProcess Node(int n) => _nodes[n - 1] ?? throw new InvalidOperationException($"node{n} is not running");

    public string Output => string.Join("\n", _nodes.Select(s => s?.Output ?? ""));

    public static async Task<ClusterNodes> StartAsync()
    {
        var cluster = new ClusterNodes(Directory.CreateTempSubdirectory("nats-cluster-test-").FullName);
        try
        {
            foreach (var port in new[] { 4231, 4232, 4233, 6231, 6232, 6233, 8231, 8232, 8233 })
            {
                int free;
                do
                {
                    free = FreeTcpPort.Next();
                }
                while (cluster._portMap.ContainsValue(free));
                cluster._portMap[port] = free;
            }
            for (var n = 1; n <= 3; n++)
            {
                await cluster.StartNodeAsync(n);
            }
            await cluster.WaitRoutedAsync(TimeSpan.FromSeconds(20));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts node <paramref name="n"/> (again) from its config, with its store kept.</summary>
    public async Task StartNodeAsync(int n)
    {
        var config = await NatsConfigs.CopyWithStoreDirAsync(
            NatsConfigs.ClusterNode(n),
            Scratch,
            Path.Combine(Scratch, $"jetstream-node{n}"),
            text => DocumentedPort().Replace(text, m => _portMap[int.Parse(m.Value, CultureInfo.InvariantCulture)].ToString(CultureInfo.InvariantCulture)));
        if (_nodes[n - 1] is { } old)
        {
            await old.DisposeAsync();
        }
        _nodes[n - 1] = await NatsConfigs.StartServerAsync($"nats-node{n}", ["-c", config]);
    }

    /// <summary>SIGSTOP: the node hangs with its sockets open, as a frozen machine does.</summary>
    public void Freeze(int n) => Node(n).Signal(Signals.SigStop);

    public void Thaw(int n) => Node(n).Signal(Signals.SigCont);

    /// <summary>SIGKILL: the node's sockets close at once, as when its process or machine dies.</summary>
    public Task KillAsync(int n) => Node(n).KillAsync();

    /// <summary>Until every running node routes to every other running node.</summary>
    public async Task WaitRoutedAsync(TimeSpan timeout)
    {
        var running = Enumerable.Range(1, 3).Where(n => _nodes[n - 1] is { HasExited: false }).ToList();
        foreach (var n in running)
        {
            await Eventually.TrueAsync(
                async () => await GetJsonAsync(n, "routez") is { } routez
                    && routez.GetProperty("num_routes").GetInt32() == running.Count - 1,
                timeout,
                () => $"node{n} has not routed to the {running.Count - 1} others:\n{Output}");
        }
    }

    /// <summary>How many client connections with the connection name <paramref name="name"/> node <paramref name="n"/> holds (/connz).</summary>
    public async Task<int> ClientsAsync(int n, string name) =>
        await GetJsonAsync(n, "connz") is { } connz && connz.TryGetProperty("connections", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Count(c => c.TryGetProperty("name", out var v) && v.GetString() is { } named
                && (named == name || named.StartsWith(name + "#", StringComparison.Ordinal))) // NATS.Net adds "#<n>"
            : 0;

    /// <summary>"node1: genie-responder; node2: …" from every node's /connz, for failure messages.</summary>
    public async Task<string> PlacementAsync()
    {
        var nodes = new List<string>();
        for (var n = 1; n <= 3; n++)
        {
            var names = await GetJsonAsync(n, "connz") is { } connz && connz.TryGetProperty("connections", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(c => c.TryGetProperty("name", out var v) ? v.GetString() : "?")
                : ["(no answer)"];
            nodes.Add($"node{n}: " + string.Join(", ", names));
        }
        return string.Join("; ", nodes);
    }

    /// <summary>A monitoring endpoint of node <paramref name="n"/> as JSON, or null when it does not answer.</summary>
    public async Task<JsonElement?> GetJsonAsync(int n, string pathAndQuery)
    {
        try
        {
            var text = await _monitor.GetStringAsync($"http://127.0.0.1:{_portMap[8230 + n]}/{pathAndQuery}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            if (node is not null)
            {
                if (!node.HasExited)
                {
                    node.Signal(Signals.SigCont); // a frozen node cannot act on SIGTERM
                }
                await node.DisposeAsync();
            }
        }
        _monitor.Dispose();
        try
        {
            Directory.Delete(Scratch, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: it is a temp folder.
        }
    }

    [GeneratedRegex(@"\b(423[1-3]|623[1-3]|823[1-3])\b")]
    private static partial Regex DocumentedPort();
}
