namespace GenieCanvas.Responder.Tests;

/// <summary>
/// With the only call slot busy, a request for the same space joins the call under way instead of waiting for a slot.
/// Its own stack (a <see cref="RequestBudgetFixture"/> of its own), so no slow call left by the budget tests holds the slot.
/// </summary>
public sealed class RequestSharingTests(RequestBudgetFixture fixture) : IClassFixture<RequestBudgetFixture>
{
    private const string SpaceA = EmulatorProcess.SalesSpaceId;

    private ResponderStack Stack => fixture.Stack;

    private static Task<(BusReply Reply, TimeSpan Took)> Timed(Task<BusReply> request, Stopwatch watch) =>
        RequestBudgetTests.Timed(request, watch);

    [Fact]
    public async Task With_the_only_call_slot_busy_a_request_for_the_same_space_shares_the_call_under_way()
    {
        // A slow success within the budget: the request that joins needs no slot and gets the same answer.
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await Stack.Emulator.ResetAsync(cts.Token);
            await Stack.Emulator.InjectFaultAsync(new EmulatorFault { SpaceId = SpaceA, DelayMs = 1500 }, cts.Token);
        }

        var watch = Stopwatch.StartNew();
        var first = Timed(Stack.Bus.GetSpaceAsync(SpaceA), watch);
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (await Stack.Emulator.CallCountAsync(SpaceA, cts.Token) < 1)
            {
                await Task.Delay(20, cts.Token);
            }
        }
        var joined = await Timed(Stack.Bus.GetSpaceAsync(SpaceA), Stopwatch.StartNew());
        var (firstReply, _) = await first;

        Assert.Equal(200, firstReply.Status);
        Assert.Equal(200, joined.Reply.Status);
        // Sharing: it answers when the call under way does (at most its 1.5 s delay after the joiner was sent). Not
        // sharing: a wait for the slot, then a call of its own, past its 2 s budget (a 504 and a second call).
        Assert.True(joined.Took < TimeSpan.FromSeconds(1.9), $"the joiner waited {joined.Took.TotalMilliseconds:0} ms instead of sharing the call under way");
        Assert.Equal(1, await Stack.Emulator.CallCountAsync(SpaceA));
    }
}
