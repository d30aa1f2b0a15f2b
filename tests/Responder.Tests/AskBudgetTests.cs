namespace GenieCanvas.Responder.Tests;

/// <summary>An ask's budget and the responder's shutdown, each on a stack of its own.</summary>
public sealed class AskBudgetTests
{
    private const string Sales = EmulatorProcess.SalesSpaceId;

    [Fact]
    public async Task Genie_still_working_when_the_budget_runs_out_is_504_ASK_TIMEOUT_within_the_budget()
    {
        await using var stack = await ResponderStack.StartAsync(new Dictionary<string, string?> { ["Responder__AskBudget"] = "00:00:04" });
        // The emulator's first question loads its demo warehouse; that must not be what uses up the 4 s.
        await stack.Emulator.WarmUpGenieAsync();
        await stack.Emulator.InjectMessageFaultAsync(new EmulatorMessageFault { SpaceId = Sales, StepMs = 60_000 });

        var (events, ended) = await stack.Bus.AskAsync(AskClient.Question(Sales, "What was total revenue last quarter by region?"));

        Assert.True(ended);
        var error = events[^1];
        Assert.Equal(504, error.ErrorStatus);
        Assert.True(error.ErrorCode == GenieErrorCodes.AskTimeout, error.ErrorText);
        Assert.Contains("4 s", error.ErrorText);
        Assert.InRange(error.At, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(4.5));
    }

    [Fact]
    public async Task Asks_in_flight_when_the_responder_stops_end_with_a_clear_error_event()
    {
        await using var stack = await ResponderStack.StartAsync(new Dictionary<string, string?> { ["Responder__ShutdownGrace"] = "00:00:01" });
        await stack.Emulator.InjectMessageFaultAsync(new EmulatorMessageFault { SpaceId = Sales, StepMs = 60_000 });
        var accepted = new TaskCompletionSource();

        var ask = stack.Bus.AskAsync(AskClient.Question(Sales, "What was total revenue last quarter by region?"), onEvent: _ =>
        {
            accepted.TrySetResult();
            return Task.CompletedTask;
        });
        await accepted.Task.WaitAsync(TimeSpan.FromSeconds(15));
        stack.Responder.Process.Signal(Signals.SigTerm);
        var (events, ended) = await ask.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(ended);
        Assert.Equal("error", events[^1].Event);
        Assert.Equal(503, events[^1].ErrorStatus);
        Assert.Equal(GenieErrorCodes.ServiceUnavailable, events[^1].ErrorCode);
        Assert.Contains("shutting down", events[^1].ErrorText);
    }
}
