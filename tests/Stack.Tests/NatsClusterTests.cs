using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using GenieCanvas.Testing;

namespace GenieCanvas.Stack.Tests;

/// <summary>
/// deploy/nats/cluster: three nats-servers routed to each other, responders on nodes 1 and 2, the bridge on node 3.
/// Requests cross the cluster, and losing a node costs at most the request in flight.
/// </summary>
public sealed partial class NatsClusterTests : IAsyncLifetime
{
    private const string SpaceId = EmulatorProcess.SalesSpaceId;

    private readonly List<ServiceProcess> _nodes = [];
    private readonly Dictionary<int, int> _portMap = [];
    private string? _scratch;

    private string NodeUrl(int n) => $"nats://127.0.0.1:{_portMap[4230 + n]}";

    public async Task InitializeAsync()
    {
        // The shipped configs, with every port (client 423n, route 623n, monitoring 823n) moved to a free one, so the
        // test never collides with a cluster someone runs on the documented ports.
        foreach (var port in new[] { 4231, 4232, 4233, 6231, 6232, 6233, 8231, 8232, 8233 })
        {
            int free;
            do
            {
                free = FreeTcpPort.Next();
            }
            while (_portMap.ContainsValue(free));
            _portMap[port] = free;
        }
        _scratch = Directory.CreateTempSubdirectory("nats-cluster-test-").FullName;
        for (var n = 1; n <= 3; n++)
        {
            // Each node its own JetStream store, as on three machines.
            var config = await NatsConfigs.CopyWithStoreDirAsync(
                NatsConfigs.ClusterNode(n),
                _scratch,
                Path.Combine(_scratch, $"jetstream-node{n}"),
                text => DocumentedPort().Replace(text, m => _portMap[int.Parse(m.Value, CultureInfo.InvariantCulture)].ToString(CultureInfo.InvariantCulture)));
            _nodes.Add(await NatsConfigs.StartServerAsync($"nats-node{n}", ["-c", config]));
        }

        // Each node routes to the two others.
        using var monitor = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var n = 1; n <= 3; n++)
        {
            var url = $"http://127.0.0.1:{_portMap[8230 + n]}/routez";
            await Eventually.TrueAsync(
                async () => JsonDocument.Parse(await monitor.GetStringAsync(url)).RootElement.GetProperty("num_routes").GetInt32() == 2,
                TimeSpan.FromSeconds(20),
                () => $"node{n} has not routed to both others:\n" + string.Join("\n", _nodes.Select(s => s.Output)));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
        if (_scratch is not null)
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }

    [Fact]
    public async Task EveryNodeRunsJetStreamAndTheClusterElectsOneMetaLeader()
    {
        // The genie_flows bucket's 3 replicas need JetStream on all three nodes, agreeing on one meta leader.
        using var monitor = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        string?[] leaders = new string?[3];
        await Eventually.TrueAsync(
            async () =>
            {
                for (var n = 1; n <= 3; n++)
                {
                    var jsz = JsonDocument.Parse(await monitor.GetStringAsync($"http://127.0.0.1:{_portMap[8230 + n]}/jsz")).RootElement;
                    leaders[n - 1] = jsz.TryGetProperty("meta_cluster", out var meta) && meta.GetProperty("cluster_size").GetInt32() == 3
                        && meta.TryGetProperty("leader", out var leader) ? leader.GetString() : null;
                }
                return leaders.All(l => !string.IsNullOrEmpty(l) && l == leaders[0]);
            },
            TimeSpan.FromSeconds(30),
            () => "no common JetStream meta leader: " + string.Join(", ", leaders) + "\n" + string.Join("\n", _nodes.Select(s => s.Output)));
        Assert.Contains(leaders[0], new[] { "genie-node1", "genie-node2", "genie-node3" });
        for (var n = 1; n <= 3; n++)
        {
            Assert.True(Directory.Exists(Path.Combine(_scratch!, $"jetstream-node{n}")), $"node{n} did not use its own store dir");
        }
    }

    [Fact]
    public async Task RequestsCrossTheClusterAndSurviveTheLossOfANode()
    {
        await using var workspace = await EmulatorProcess.StartAsync();
        var credentials = new Dictionary<string, string?> { ["DATABRICKS_TOKEN"] = workspace.Token };
        await using var responder1 = await ResponderProcess.StartAsync(NodeUrl(1), workspace.Url, credentials);
        await using var responder2 = await ResponderProcess.StartAsync(NodeUrl(2), workspace.Url, credentials);
        // A short request timeout: a request lost with node 1 fails in 3 s rather than 10.
        await using var bridge = await BridgeProcess.StartAsync(NodeUrl(3), new Dictionary<string, string?> { ["Bridge__RequestTimeout"] = "00:00:03" });

        // Both responders are seen from node 3 ($SRV.PING/STATS cross the routes).
        await Eventually.TrueAsync(
            async () => await RespondersSeenAsync(bridge) == 2,
            TimeSpan.FromSeconds(30),
            () => "the bridge does not see both responders:\n" + bridge.Process.Output);

        // Requests from node 3 reach responders on nodes 1 and 2.
        for (var i = 0; i < 20; i++)
        {
            var answer = await Http.GetAsync(bridge.Client, $"/api/genie/get?space_id={SpaceId}");
            Assert.True(answer.Status == 200, $"request {i}: {answer}");
        }
        await Eventually.TrueAsync(
            async () => (await ServedCountsAsync(bridge)).Count(n => n > 0) == 2,
            TimeSpan.FromSeconds(10),
            () => "not both responders served requests (queue group across the cluster)");

        // Node 1 goes away: its responder is cut off (or reconnects to another node); requests keep succeeding.
        await _nodes[0].StopAsync();
        var failures = new List<string>();
        var successes = 0;
        for (var i = 0; i < 30; i++)
        {
            var answer = await Http.TryGetAsync(bridge.Client, $"/api/genie/get?space_id={SpaceId}");
            if (answer.Status == 200)
            {
                successes++;
            }
            else
            {
                failures.Add($"request {i}: {answer}");
            }
        }
        // Requests go one at a time, so "the ones in flight" is at most one.
        Assert.True(failures.Count <= 1, "failed after node 1 stopped:\n" + string.Join("\n", failures));
        Assert.True(successes >= 29);
        Assert.True(responder2.Process.Output.Length > 0 && !responder2.Process.HasExited);
    }

    private static async Task<int> RespondersSeenAsync(BridgeProcess bridge) => (await ServedCountsAsync(bridge)).Count;

    /// <summary>Requests served per responder, from the bridge's /api/genie/status ($SRV.STATS.genie).</summary>
    private static async Task<IReadOnlyList<long>> ServedCountsAsync(BridgeProcess bridge)
    {
        var status = await Http.TryGetAsync(bridge.Client, "/api/genie/status");
        if (status.Status != 200)
        {
            return [];
        }
        return [.. status.Json.GetProperty("responders").EnumerateArray().Select(r => r.GetProperty("requests").GetInt64())];
    }

    [GeneratedRegex(@"\b(423[1-3]|623[1-3]|823[1-3])\b")]
    private static partial Regex DocumentedPort();
}
