namespace GenieCanvas.Responder.Tests;

public sealed class QueueGroupTests
{
    [Fact]
    public async Task Two_responders_share_the_queue_group_and_both_serve_requests()
    {
        await using var stack = await ResponderStack.StartAsync();
        await stack.AddResponderAsync();

        var pings = await stack.Bus.RequestManyAsync(GenieSubjects.Ping, TimeSpan.FromSeconds(1));
        Assert.Equal(2, pings.Select(p => p.GetProperty("id").GetString()).Distinct().Count());

        const int requests = 40;
        for (var i = 0; i < requests; i++)
        {
            var reply = await stack.Bus.GetSpaceAsync(EmulatorProcess.SalesSpaceId);
            Assert.Equal(200, reply.Status);
        }

        // Each request is handled by exactly one of them (queue group), and both got some. The log line of the last
        // reply may still be on its way to the console when the reply is here: wait for it a moment.
        var handled = stack.Responders.Select(r => CountHandled(r.Process.Output)).ToList();
        for (var waited = 0; handled.Sum() < requests && waited < 50; waited++)
        {
            await Task.Delay(100);
            handled = stack.Responders.Select(r => CountHandled(r.Process.Output)).ToList();
        }
        Assert.Equal(requests, handled.Sum());
        Assert.All(handled, n => Assert.True(n > 0, $"one responder handled nothing: {string.Join(", ", handled)}"));
    }

    private static int CountHandled(string output) =>
        output.Split('\n').Count(l => l.Contains("Handled genie.get request", StringComparison.Ordinal));
}
