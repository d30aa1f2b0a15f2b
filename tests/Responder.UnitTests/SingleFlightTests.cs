using GenieCanvas.Responder.Operations;

namespace GenieCanvas.Responder.UnitTests;

public sealed class SingleFlightTests
{
    [Fact]
    public async Task Concurrent_callers_of_one_key_share_one_call_and_its_error_and_nothing_is_kept_afterwards()
    {
        var joined = 0;
        var flight = new SingleFlight<int>(() => Interlocked.Increment(ref joined));
        var calls = 0;
        var gate = new TaskCompletionSource<int>();
        Task<int> Call() { Interlocked.Increment(ref calls); return gate.Task; }

        var callers = Enumerable.Range(0, 5).Select(_ => flight.RunAsync("a", CancellationToken.None, Call)).ToList();
        gate.SetException(new InvalidOperationException("upstream failed"));

        foreach (var caller in callers)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => caller);
        }
        Assert.Equal(1, calls);
        Assert.Equal(4, joined);
        // Once it ended, the next caller makes a new call: nothing was cached.
        Assert.Equal(7, await flight.RunAsync("a", CancellationToken.None, () => { Interlocked.Increment(ref calls); return Task.FromResult(7); }));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_joiner_that_gives_up_does_not_cancel_the_call_for_the_others()
    {
        var flight = new SingleFlight<int>();
        var gate = new TaskCompletionSource<int>();
        var first = flight.RunAsync("a", CancellationToken.None, () => gate.Task);
        using var giveUp = new CancellationTokenSource();
        var joiner = flight.RunAsync("a", giveUp.Token, () => Task.FromResult(-1));

        giveUp.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => joiner);
        gate.SetResult(42);

        Assert.Equal(42, await first);
    }

    [Fact]
    public async Task Different_keys_do_not_share()
    {
        var flight = new SingleFlight<string>();
        var a = flight.RunAsync("a", CancellationToken.None, () => Task.FromResult("A"));
        var b = flight.RunAsync("b", CancellationToken.None, () => Task.FromResult("B"));

        Assert.Equal(["A", "B"], await Task.WhenAll(a, b));
    }

    [Fact]
    public async Task A_call_that_throws_before_returning_a_task_fails_its_callers_and_frees_the_key()
    {
        var flight = new SingleFlight<int>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => flight.RunAsync("a", CancellationToken.None, () => throw new InvalidOperationException()));

        Assert.Equal(1, await flight.RunAsync("a", CancellationToken.None, () => Task.FromResult(1)));
    }
}
