using GenieCanvas.Testing;
using Xunit.Abstractions;

namespace GenieCanvas.Stack.Tests;

/// <summary>
/// Issue 16: the three-node cluster (deploy/nats/cluster) under a concurrent open-loop load through the bridge, with
/// the shipped timeouts (responder budget 8 s, the bridge waits budget + 1 s = 9 s), while a node hangs or dies.
/// Every request's outcome is counted and printed; the assertions are on those counts.
/// </summary>
public sealed class ClusterFailoverTests(ITestOutputHelper output)
{
    private const int Rate = 100;

    /// <summary>Requests answered in the 2 s before a fault: the load itself falls behind on a busy 2-core machine.</summary>
    private const int MinBefore = Rate / 2;

    /// <summary>The bridge's shipped wait for genie.get: Bridge__ResponderBudget 8 s + Bridge__ReplyMargin 1 s.</summary>
    private static readonly TimeSpan ShippedWait = TimeSpan.FromSeconds(9);

    /// <summary>A loaded 2-core machine answers a little late; never more than this past the shipped wait.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1.5);

    private static readonly TimeSpan ClientTimeout = ShippedWait + TimeSpan.FromSeconds(3);

    /// <summary>The longest the frozen-node test keeps node 1 frozen (its load runs 30 s).</summary>
    private static readonly TimeSpan FrozenFor = TimeSpan.FromSeconds(20);

    /// <summary>An upstream that takes a moment keeps requests in flight on both responders, so a fault has something to hit.</summary>
    private static readonly EmulatorFault SlowUpstream = new() { PathPrefix = "/api/2.0/data-rooms/", DelayMs = 50 };

    [Fact]
    public async Task A_frozen_node_hangs_no_request_past_the_budget_its_responder_moves_to_a_healthy_node_and_it_rejoins_after_thaw()
    {
        await using var stack = await ClusterStack.StartAsync();
        await stack.Emulator.InjectFaultAsync(SlowUpstream);
        var load = ClusterLoad.Start(stack.Bridge.Client, ClusterStack.SalesPath, Rate, TimeSpan.FromSeconds(30), ClientTimeout);

        await Task.Delay(TimeSpan.FromSeconds(2));
        var (aBefore, bBefore) = (ClusterStack.Handled(stack.ResponderA), ClusterStack.Handled(stack.ResponderB));
        var frozen = load.Now;
        stack.Cluster.Freeze(1);
        // While frozen: when does node 3 cut its route to node 1, and when is responder A on a healthy node (its client
        // pings)? Usually node 2, the next in its NATS_URL; node 3 is as good, and once it went there.
        TimeSpan? routeCut = null, responderMoved = null;
        // Until responder A has been on a healthy node for 3 s (traffic to measure after the move), at most FrozenFor.
        while (load.Now - frozen < FrozenFor && !(responderMoved is { } since && load.Now - frozen >= since + TimeSpan.FromSeconds(3)))
        {
            if (routeCut is null && await stack.Cluster.GetJsonAsync(3, "routez") is { } routez && routez.GetProperty("num_routes").GetInt32() == 1)
            {
                routeCut = load.Now - frozen;
            }
            if (responderMoved is null
                && await stack.Cluster.ClientsAsync(2, ClusterStack.ResponderName) + await stack.Cluster.ClientsAsync(3, ClusterStack.ResponderName) == 2)
            {
                responderMoved = load.Now - frozen;
            }
            await Task.Delay(100);
        }
        var (aFrozen, bFrozen) = (ClusterStack.Handled(stack.ResponderA) - aBefore, ClusterStack.Handled(stack.ResponderB) - bBefore);
        var thawed = load.Now;
        stack.Cluster.Thaw(1);
        await stack.Cluster.WaitRoutedAsync(TimeSpan.FromSeconds(20));
        var rejoined = load.Now;
        var (aThawed, bThawed) = (ClusterStack.Handled(stack.ResponderA), ClusterStack.Handled(stack.ResponderB));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var (aAfter, bAfter) = (ClusterStack.Handled(stack.ResponderA) - aThawed, ClusterStack.Handled(stack.ResponderB) - bThawed);
        var all = await load.StopAsync();

        var before = all.Where(o => o.Ended < frozen).ToList();
        var failed = all.Where(o => !o.Ok).ToList();
        var moved = frozen + (responderMoved ?? FrozenFor);
        var untilMoved = all.Where(o => o.Started >= frozen && o.Started < moved).ToList();
        var afterMoved = all.Where(o => o.Started >= moved && o.Started < thawed).ToList();
        var afterThaw = all.Where(o => o.Started >= thawed).ToList();
        Report("frozen node", all,
            ("before the freeze", before), ("frozen, until responder A was on a healthy node", untilMoved),
            ("frozen, responder A moved, until the thaw", afterMoved), ("from the thaw on", afterThaw), ("failed", failed));
        output.WriteLine($"[frozen node]   node 3 cut its route to node 1 after {Seconds(routeCut)}; responder A was on a healthy node after {Seconds(responderMoved)}; " +
            $"node 1 rejoined {(rejoined - thawed).TotalSeconds:0.0} s after the thaw");
        output.WriteLine($"[frozen node]   failed share: {Share(untilMoved)} until A moved, {Share(afterMoved)} after; " +
            $"handled during the freeze: A {aFrozen}, B {bFrozen}; in 2 s after the rejoin: A {aAfter}, B {bAfter}");

        Assert.True(before.Count >= MinBefore && before.All(o => o.Ok), "before the freeze: " + ClusterLoad.Histogram(before));
        // No request hangs: one that went to the frozen node is answered at the budget + margin, never later.
        Assert.True(all.All(o => o.Status != 0 && o.Latency <= ShippedWait + Slack), "a request hung past the budget + margin: " + ClusterLoad.Histogram(all));
        Assert.True(failed.All(o => o.Status == 503 && o.Code == "RESPONDER_TIMEOUT" && o.RetryAfter is not null), "failures: " + ClusterLoad.Histogram(failed));
        // The client side: the frozen node's responder notices within 1 s × 3 (+ a tick, a reconnect, load) and moves to
        // node 2: 6.0–6.4 s. (Two whole-suite runs found it on node 3 instead, which the check once missed.)
        Assert.True(responderMoved is not null, $"responder A was still on the frozen node {FrozenFor.TotalSeconds:0} s into the freeze");
        Assert.True(bFrozen > aFrozen, $"the healthy node's responder did not take the frozen one's share: A {aFrozen}, B {bFrozen}");
        // Known limit (deploy/README.md): nats-server 2.9.10 sends no route ping while it still writes to the peer, so
        // under steady traffic node 3 keeps the frozen node's stale queue subscription until the thaw. Its share shrinks
        // once the responder has moved (1 of 3 members instead of 1 of 2) but does not vanish.
        Assert.True(afterMoved.Count >= Rate && afterMoved.Count(o => !o.Ok) < afterMoved.Count / 2,
            "after responder A moved: " + ClusterLoad.Histogram(afterMoved));
        Assert.True(afterThaw.Count >= Rate && afterThaw.All(o => o.Ok), "after the thaw: " + ClusterLoad.Histogram(afterThaw));
        Assert.True(rejoined - thawed <= TimeSpan.FromSeconds(10), $"node 1 rejoined only {(rejoined - thawed).TotalSeconds:0.0} s after the thaw");
        Assert.True(aAfter > 0 && bAfter > 0, $"not both responders serve after the thaw: A {aAfter}, B {bAfter}");
    }

    [Fact]
    public async Task Losing_the_bridges_node_fails_only_the_requests_in_flight_at_once_with_BUS_UNAVAILABLE()
    {
        await using var stack = await ClusterStack.StartAsync();
        var (all, killStart, killed) = await KillUnderLoadAsync(stack, 3, () => Task.Delay(TimeSpan.FromSeconds(3)));

        var before = all.Where(o => o.Ended < killStart).ToList();
        var inFlight = all.Where(o => o.InFlightDuring(killStart, killed)).ToList();
        var failed = all.Where(o => !o.Ok).ToList();
        // The bridge learns of the drop when its socket reads the close: every request sent on the lost connection
        // until then fails together, with the first BUS_UNAVAILABLE answer. Nothing started after that may fail.
        var noticed = failed.Count == 0 ? killed : failed.Min(o => o.Ended);
        var after = all.Where(o => o.Started > noticed).ToList();
        Report("bridge's node killed", all, ("before the kill", before), ("in flight at the kill", inFlight), ("failed", failed),
            ("started after the bridge noticed", after));
        output.WriteLine($"[bridge's node killed]   the kill took {(killed - killStart).TotalMilliseconds:0} ms; the first 503 came " +
            $"{(noticed - killStart).TotalMilliseconds:0} ms after it began; the last failed request started {(failed.Count == 0 ? 0 : (failed.Max(o => o.Started) - killStart).TotalMilliseconds):0} ms after it began");

        Assert.True(before.Count >= MinBefore && before.All(o => o.Ok), "before the kill: " + ClusterLoad.Histogram(before));
        Assert.True(failed.All(o => o.Started <= noticed), "a request started after the bridge noticed the drop failed: " + ClusterLoad.Histogram(failed.Where(o => o.Started > noticed)));
        Assert.True(noticed - killStart < TimeSpan.FromSeconds(2), $"the bridge noticed the drop only after {(noticed - killStart).TotalSeconds:0.0} s");
        Assert.True(failed.All(o => o.Status == 503 && o.Code == "BUS_UNAVAILABLE" && o.RetryAfter is not null), "failures: " + ClusterLoad.Histogram(failed));
        // Far below the 9 s wait: the reply could never come, so the bridge does not wait for it.
        Assert.True(failed.All(o => o.Latency < TimeSpan.FromSeconds(2)), "a lost request was not failed at once: " + ClusterLoad.Histogram(failed));
        Assert.True(after.Count >= Rate && after.All(o => o.Ok), "after the bridge noticed: " + ClusterLoad.Histogram(after));
        // On one of the surviving nodes (NATS.Net picks the next URL of its list; which one is not promised).
        Assert.Equal(1, await stack.Cluster.ClientsAsync(1, ClusterStack.BridgeName) + await stack.Cluster.ClientsAsync(2, ClusterStack.BridgeName));
    }

    [Fact]
    public async Task Losing_a_responders_node_fails_only_the_requests_it_held_within_the_budget_and_the_margin()
    {
        await using var stack = await ClusterStack.StartAsync();
        var aServes = 0;
        var (all, killStart, killed) = await KillUnderLoadAsync(stack, 1, async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            var aBack = ClusterStack.Handled(stack.ResponderA);
            await Task.Delay(TimeSpan.FromSeconds(1));
            aServes = ClusterStack.Handled(stack.ResponderA) - aBack;
        });

        var before = all.Where(o => o.Ended < killStart).ToList();
        var inFlight = all.Where(o => o.InFlightDuring(killStart, killed)).ToList();
        var failed = all.Where(o => !o.Ok).ToList();
        var after = all.Where(o => o.Started > killed).ToList();
        Report("responder's node killed", all, ("before the kill", before), ("in flight at the kill", inFlight), ("failed", failed), ("started after the kill", after));
        output.WriteLine($"[responder's node killed]   responder A handled {aServes} in 1 s, 3 s after the kill (reconnected to node 2)");

        Assert.True(before.Count >= MinBefore && before.All(o => o.Ok), "before the kill: " + ClusterLoad.Histogram(before));
        Assert.True(failed.All(o => o.InFlightDuring(killStart, killed)), "a request not in flight at the kill failed: " + ClusterLoad.Histogram(failed.Where(o => !o.InFlightDuring(killStart, killed))));
        Assert.True(failed.All(o => o.Status == 503 && o.Code == "RESPONDER_TIMEOUT" && o.Latency <= ShippedWait + Slack), "failures: " + ClusterLoad.Histogram(failed));
        Assert.True(after.Count >= Rate && after.All(o => o.Ok), "after the kill: " + ClusterLoad.Histogram(after));
        Assert.True(aServes > 0, "responder A did not come back on another node");
    }

    /// <summary>2 s of load, SIGKILL of <paramref name="node"/> (marked on the load's clock), then <paramref name="afterKill"/> under load.</summary>
    private static async Task<(IReadOnlyList<ClusterLoad.Sent> All, TimeSpan KillStart, TimeSpan Killed)> KillUnderLoadAsync(
        ClusterStack stack, int node, Func<Task> afterKill)
    {
        await stack.Emulator.InjectFaultAsync(SlowUpstream);
        var load = ClusterLoad.Start(stack.Bridge.Client, ClusterStack.SalesPath, Rate, TimeSpan.FromSeconds(15), ClientTimeout);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var killStart = load.Now;
        await stack.Cluster.KillAsync(node);
        var killed = load.Now;
        await afterKill();
        return (await load.StopAsync(), killStart, killed);
    }

    private void Report(string scenario, IReadOnlyList<ClusterLoad.Sent> all, params (string Phase, IEnumerable<ClusterLoad.Sent> Outcomes)[] phases)
    {
        output.WriteLine($"[{scenario}] {all.Count} requests: {ClusterLoad.Histogram(all)}");
        foreach (var (phase, outcomes) in phases)
        {
            var list = outcomes.ToList();
            output.WriteLine($"[{scenario}]   {phase}: {list.Count} → {ClusterLoad.Histogram(list)}");
        }
    }

    private static string Share(IReadOnlyCollection<ClusterLoad.Sent> outcomes) =>
        outcomes.Count == 0 ? "n/a" : $"{outcomes.Count(o => !o.Ok)}/{outcomes.Count} ({100.0 * outcomes.Count(o => !o.Ok) / outcomes.Count:0} %)";

    private static string Seconds(TimeSpan? t) => t is { } v ? $"{v.TotalSeconds:0.0} s" : "never (while node 1 was frozen)";
}
