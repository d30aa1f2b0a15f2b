using GenieCanvas.Testing;

namespace GenieCanvas.Stack.Tests;

/// <summary>
/// deploy/nats/cluster: three nats-servers routed to each other, responders on nodes 1 and 2, the bridge on node 3.
/// Requests cross the cluster, and losing a node costs at most the request in flight.
/// </summary>
public sealed class NatsClusterTests : IAsyncLifetime
{
    private const string SpaceId = EmulatorProcess.SalesSpaceId;

    private ClusterNodes _cluster = null!;

    private string NodeUrl(int n) => _cluster.NodeUrl(n);

    public async Task InitializeAsync() => _cluster = await ClusterNodes.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task EveryNodeRunsJetStreamAndTheClusterElectsOneMetaLeader()
    {
        // The genie_flows bucket's 3 replicas need JetStream on all three nodes, agreeing on one meta leader.
        string?[] leaders = new string?[3];
        await Eventually.TrueAsync(
            async () =>
            {
                for (var n = 1; n <= 3; n++)
                {
                    var jsz = await _cluster.GetJsonAsync(n, "jsz");
                    leaders[n - 1] = jsz is { } js && js.TryGetProperty("meta_cluster", out var meta) && meta.GetProperty("cluster_size").GetInt32() == 3
                        && meta.TryGetProperty("leader", out var leader) ? leader.GetString() : null;
                }
                return leaders.All(l => !string.IsNullOrEmpty(l) && l == leaders[0]);
            },
            TimeSpan.FromSeconds(30),
            () => "no common JetStream meta leader: " + string.Join(", ", leaders) + "\n" + _cluster.Output);
        Assert.Contains(leaders[0], new[] { "genie-node1", "genie-node2", "genie-node3" });
        for (var n = 1; n <= 3; n++)
        {
            Assert.True(Directory.Exists(Path.Combine(_cluster.Scratch, $"jetstream-node{n}")), $"node{n} did not use its own store dir");
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
        await _cluster.Node(1).StopAsync();
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
}
