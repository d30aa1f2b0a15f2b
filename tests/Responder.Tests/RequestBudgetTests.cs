namespace GenieCanvas.Responder.Tests;

/// <summary>
/// The budget is the request's, from the moment the responder takes it from NATS: time spent waiting for a call slot,
/// or a shared call counts, so a saturated responder still answers 504 UPSTREAM_TIMEOUT within the
/// budget (before the bridge's 10 s timeout) instead of starting a full budget after a long wait.
/// </summary>
public sealed class RequestBudgetTests(RequestBudgetFixture fixture) : IClassFixture<RequestBudgetFixture>, IAsyncLifetime
{
    private const string SpaceA = EmulatorProcess.SalesSpaceId;
    private const string SpaceB = "01f0a7a327cd11978f2951f81a61bfdd";
    private const string NeverSent = "Nothing was sent to Databricks";

    /// <summary>Requests in flight (Responder__MaxInFlight of <see cref="RequestBudgetFixture"/>); one Databricks call at a time.</summary>
    public const int RequestsInFlight = 16;

    // Generous bounds around the 2 s budget: the old behaviour (wait, then a whole budget) takes about 4 s.
    private static readonly TimeSpan AtLeast = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(3.5);

    private ResponderStack Stack => fixture.Stack;

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Stack.Emulator.ResetAsync(cts.Token);
        // Every space is slower than the budget.
        await Stack.Emulator.InjectFaultAsync(new EmulatorFault { PathPrefix = "/api/2.0/data-rooms/", DelayMs = 5000 }, cts.Token);
    }

    public async Task DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Stack.Emulator.ResetAsync(cts.Token);
    }

    [Fact]
    public async Task A_request_waiting_for_the_only_call_slot_gets_504_within_its_own_budget()
    {
        var watchA = Stopwatch.StartNew();
        var a = Timed(Stack.Bus.GetSpaceAsync(SpaceA), watchA);
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (await Stack.Emulator.CallCountAsync(SpaceA, cts.Token) < 1)
            {
                await Task.Delay(20, cts.Token);
            }
        }

        // B is another space, so it needs the only call slot, which A holds.
        var (replyB, tookB) = await Timed(Stack.Bus.GetSpaceAsync(SpaceB), Stopwatch.StartNew());
        var (replyA, tookA) = await a;

        AssertTimedOut(replyA, tookA, "A");
        AssertTimedOut(replyB, tookB, "B");
        Assert.Equal(1, await Stack.Emulator.CallCountAsync(SpaceA));
        Assert.True(await Stack.Emulator.CallCountAsync(SpaceB) <= 1);
    }

    [Fact]
    public async Task Of_two_requests_for_the_only_call_slot_the_one_that_waits_is_504_without_reaching_Databricks()
    {
        var watch = Stopwatch.StartNew();
        var replies = await Task.WhenAll(Timed(Stack.Bus.GetSpaceAsync(SpaceA), watch), Timed(Stack.Bus.GetSpaceAsync(SpaceB), watch));

        Assert.All(replies, r => AssertTimedOut(r.Reply, r.Took, "both"));
        var calls = new[] { await Stack.Emulator.CallCountAsync(SpaceA), await Stack.Emulator.CallCountAsync(SpaceB) };
        Assert.Equal(1, calls.Sum());
        // The one that waited for the slot the whole budget was never sent, and its message says so.
        var waited = replies[calls[0] == 0 ? 0 : 1].Reply;
        Assert.Contains(NeverSent, waited.ErrorText);
        Assert.Contains("busy", waited.ErrorText);
        var called = replies[calls[0] == 0 ? 1 : 0].Reply;
        Assert.Contains("Databricks did not answer", called.ErrorText);
    }

    [Fact]
    public async Task A_request_that_finds_every_dispatcher_slot_busy_gets_503_SATURATED_at_once()
    {
        // 16 requests for A (one shared call) fill every request slot (MaxInFlight 16, MaxConcurrency 1); B is refused.
        var watch = Stopwatch.StartNew();
        var requests = Enumerable.Range(0, RequestsInFlight).Select(_ => Timed(Stack.Bus.GetSpaceAsync(SpaceA), watch)).ToList();
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (await Stack.Emulator.CallCountAsync(SpaceA, cts.Token) < 1)
            {
                await Task.Delay(20, cts.Token);
            }
        }
        var (replyB, tookB) = await Timed(Stack.Bus.GetSpaceAsync(SpaceB), Stopwatch.StartNew());
        var replies = await Task.WhenAll(requests);

        Assert.Equal(503, replyB.Status);
        Assert.Equal(GenieErrorCodes.Saturated, replyB.ErrorCode);
        Assert.True(tookB < AtLeast, $"B was refused after {tookB.TotalMilliseconds:0} ms, not at once");
        Assert.All(replies, r => AssertTimedOut(r.Reply, r.Took, "A"));
        Assert.Equal(1, await Stack.Emulator.CallCountAsync(SpaceA));
        Assert.Equal(0, await Stack.Emulator.CallCountAsync(SpaceB));
    }

    private static void AssertTimedOut(BusReply reply, TimeSpan took, string which)
    {
        Assert.Equal(504, reply.Status);
        Assert.Equal(GenieErrorCodes.UpstreamTimeout, reply.ErrorCode);
        Assert.Contains("2 s", reply.ErrorText);
        Assert.True(took >= AtLeast, $"{which}: answered after {took.TotalMilliseconds:0} ms, before the 2 s budget was used");
        Assert.True(took < Within, $"{which}: answered after {took.TotalMilliseconds:0} ms; the budget is 2 s from arrival");
    }

    internal static async Task<(BusReply Reply, TimeSpan Took)> Timed(Task<BusReply> request, Stopwatch watch)
    {
        var reply = await request;
        return (reply, watch.Elapsed);
    }
}
