using NATS.Client.Core;

namespace GenieCanvas.Responder.Tests;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Sigterm_lets_the_request_in_flight_finish_then_exits_zero_and_takes_no_new_requests()
    {
        const string Space = EmulatorProcess.SalesSpaceId;
        await using var stack = await ResponderStack.StartAsync();
        await stack.Emulator.InjectFaultAsync(new EmulatorFault { SpaceId = Space, DelayMs = 2500 });

        var inFlight = stack.Bus.GetSpaceAsync(Space);
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (await stack.Emulator.CallCountAsync(Space, cts.Token) < 1)
            {
                await Task.Delay(20, cts.Token);
            }
        }
        stack.Responder.Process.Signal(Signals.SigTerm);

        var reply = await inFlight;
        Assert.Equal(200, reply.Status);
        Assert.Equal(Space, reply.Json.GetProperty("space_id").GetString());

        Assert.True(await stack.Responder.Process.WaitForExitAsync(TimeSpan.FromSeconds(20)), "the responder did not exit:\n" + stack.ResponderOutput);
        Assert.Equal(0, stack.Responder.Process.ExitCode);
        Assert.Contains("Genie responder stopped", stack.ResponderOutput);

        // Gone from the bus: a new request finds no responder at once.
        await Assert.ThrowsAsync<NatsNoRespondersException>(() => stack.Bus.GetSpaceAsync(Space, TimeSpan.FromSeconds(5)));
    }
}
