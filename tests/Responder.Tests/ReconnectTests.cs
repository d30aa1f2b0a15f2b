namespace GenieCanvas.Responder.Tests;

public sealed class ReconnectTests
{
    [Fact]
    public async Task The_responder_serves_again_after_nats_server_restarts()
    {
        await using var stack = await ResponderStack.StartAsync();
        Assert.Equal(200, (await stack.Bus.GetSpaceAsync(EmulatorProcess.SalesSpaceId)).Status);

        await stack.Nats.RestartAsync();
        await stack.Responder.Process.WaitForOutputAsync("lost; reconnecting", TimeSpan.FromSeconds(10));

        // Both the test's client and the responder reconnect on their own; the endpoints must be subscribed again.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        BusReply? reply = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                reply = await stack.Bus.GetSpaceAsync(EmulatorProcess.SalesSpaceId, TimeSpan.FromSeconds(2));
                break;
            }
            catch (Exception e) when (e is NATS.Client.Core.NatsNoRespondersException or NATS.Client.Core.NatsNoReplyException or NATS.Client.Core.NatsException or OperationCanceledException)
            {
                await Task.Delay(200);
            }
        }

        Assert.NotNull(reply);
        Assert.Equal(200, reply.Status);
        Assert.False(stack.Responder.Process.HasExited);
        var pings = await stack.Bus.RequestManyAsync(GenieSubjects.Ping, TimeSpan.FromSeconds(1));
        Assert.Single(pings);
    }
}
