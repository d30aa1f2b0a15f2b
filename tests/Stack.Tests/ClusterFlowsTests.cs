using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GenieCanvas.Testing;
using Xunit.Abstractions;

namespace GenieCanvas.Stack.Tests;

/// <summary>
/// Issue 16, flows on the cluster: the genie_flows bucket with 3 replicas (Bridge__FlowReplicas=3) survives losing the
/// node that leads its stream. A flow saved before reads back after; a save during the loss is 201 (once a new leader
/// is elected) or 503 FLOWS_UNAVAILABLE, and every 201 reads back: never a silent loss.
/// </summary>
public sealed class ClusterFlowsTests(ITestOutputHelper output)
{
    private const string Stream = "KV_genie_flows";

    [Fact]
    public async Task Flows_saved_before_a_node_loss_read_back_and_saves_during_it_are_kept_or_refused_with_503()
    {
        await using var stack = await ClusterStack.StartAsync(new Dictionary<string, string?> { ["Bridge__FlowReplicas"] = "3" });
        var client = stack.Bridge.Client;
        const string before = """{"version":1,"nodes":[{"id":"before"}],"edges":[]}""";
        // The first save creates the bucket (3 replicas: JetStream places one per node).
        await Eventually.TrueAsync(async () => (await PutAsync(client, "Before", before)).Status == 201, TimeSpan.FromSeconds(30),
            () => "the first flow could not be saved:\n" + stack.Bridge.Process.Output[^2000..]);
        var leader = await StreamLeaderAsync(stack.Cluster);
        Assert.True(leader is >= 1 and <= 3, "no leader for " + Stream);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await stack.Cluster.KillAsync(leader!.Value);
        var saves = new List<(string Name, string Body, int Status, string? Code, TimeSpan At, TimeSpan Took)>();
        // Until three saves in a row were kept (a leader is elected and the bridge is on a live node), at most 25 s.
        for (var i = 0; clock.Elapsed < TimeSpan.FromSeconds(25) && !(saves.Count >= 3 && saves[^3..].All(s => s.Status == 201)); i++)
        {
            var name = $"During {i}";
            var body = $$"""{"version":1,"nodes":[{"id":"during-{{i}}"}],"edges":[]}""";
            var at = clock.Elapsed;
            var (status, code) = await PutAsync(client, name, body);
            saves.Add((name, body, status, code, at, clock.Elapsed - at));
            await Task.Delay(200);
        }
        var readBefore = await Http.TryGetAsync(client, "/api/flows/Before");
        var unreadable = new List<string>();
        foreach (var save in saves.Where(s => s.Status == 201))
        {
            var read = await Http.TryGetAsync(client, "/api/flows/" + Uri.EscapeDataString(save.Name));
            if (read.Status != 200 || read.Body != save.Body)
            {
                unreadable.Add($"{save.Name}: {read}");
            }
        }

        output.WriteLine($"[flows, node {leader} (the stream leader) killed] {saves.Count} saves in {clock.Elapsed.TotalSeconds:0.0} s: " +
            string.Join(", ", saves.GroupBy(s => s.Code is null ? $"{s.Status}" : $"{s.Status} {s.Code}").Select(g => $"{g.Key} ×{g.Count()}")) +
            $"; first 201 {(saves.FirstOrDefault(s => s.Status == 201) is { Name: not null } first ? $"{first.At.TotalSeconds:0.0} s" : "never")} after the kill" +
            $"; slowest save {saves.Max(s => s.Took).TotalSeconds:0.0} s; the flow saved before: {readBefore.Status}");

        Assert.True(readBefore.Status == 200 && readBefore.Body == before, "the flow saved before the loss: " + readBefore);
        Assert.True(saves.All(s => s.Status == 201 || (s.Status == 503 && s.Code == "FLOWS_UNAVAILABLE")),
            "saves during the loss: " + string.Join("; ", saves.Where(s => s.Status is not 201 and not 503).Select(s => $"{s.Name}: {s.Status} {s.Code}")));
        Assert.True(unreadable.Count == 0, "saved (201) but not read back: " + string.Join("; ", unreadable));
        Assert.True(saves.Count >= 3 && saves[^3..].All(s => s.Status == 201), "saves never succeeded again within 25 s");
        Assert.True(saves.All(s => s.Took < TimeSpan.FromSeconds(9)), "a save waited past Bridge__FlowTimeout (8 s)");
    }

    private static async Task<(int Status, string? Code)> PutAsync(HttpClient client, string name, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/flows/" + Uri.EscapeDataString(name))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            using var response = await client.SendAsync(request, cts.Token);
            var text = await response.Content.ReadAsStringAsync(cts.Token);
            var code = response.IsSuccessStatusCode ? null
                : text.StartsWith('{') && JsonDocument.Parse(text).RootElement.TryGetProperty("code", out var c) ? c.GetString() : "(no code)";
            return ((int)response.StatusCode, code);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (0, e.GetType().Name);
        }
    }

    /// <summary>The node (1–3) whose nats-server leads the bucket's stream, from /jsz of any node that answers.</summary>
    private static async Task<int?> StreamLeaderAsync(ClusterNodes cluster)
    {
        for (var n = 1; n <= 3; n++)
        {
            if (await cluster.GetJsonAsync(n, "jsz?accounts=true&streams=true") is not { } jsz || !jsz.TryGetProperty("account_details", out var accounts))
            {
                continue;
            }
            foreach (var account in accounts.EnumerateArray())
            {
                if (!account.TryGetProperty("stream_detail", out var streams))
                {
                    continue;
                }
                foreach (var stream in streams.EnumerateArray())
                {
                    if (stream.GetProperty("name").GetString() == Stream && stream.TryGetProperty("cluster", out var info)
                        && info.TryGetProperty("leader", out var leader) && leader.GetString() is { } name && name.StartsWith("genie-node", StringComparison.Ordinal))
                    {
                        return int.Parse(name["genie-node".Length..], System.Globalization.CultureInfo.InvariantCulture);
                    }
                }
            }
        }
        return null;
    }
}
