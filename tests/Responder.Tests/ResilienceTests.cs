namespace GenieCanvas.Responder.Tests;

public sealed class ResilienceTests(ResilienceFixture fixture) : SharedStackTests(fixture), IClassFixture<ResilienceFixture>
{
    private const string Space = EmulatorProcess.SalesSpaceId;
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Rate_limited_twice_then_answered_succeeds_after_waiting_per_retry_after()
    {
        await Stack.Emulator.InjectFaultAsync(new EmulatorFault { SpaceId = Space, Status = 429, ErrorCode = "REQUEST_LIMIT_EXCEEDED", RetryAfter = "1", Times = 2 });

        var watch = Stopwatch.StartNew();
        var reply = await Stack.Bus.GetSpaceAsync(Space);
        watch.Stop();

        Assert.Equal(200, reply.Status);
        Assert.Equal(Space, reply.Json.GetProperty("space_id").GetString());
        Assert.Equal(3, await Stack.Emulator.CallCountAsync(Space));
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.9), $"answered after {watch.Elapsed.TotalMilliseconds:0} ms; two Retry-After: 1 waits take 2 s");
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_budget_is_replied_at_once_as_rate_limited()
    {
        await Stack.Emulator.InjectFaultAsync(new EmulatorFault { SpaceId = Space, Status = 429, ErrorCode = "REQUEST_LIMIT_EXCEEDED", RetryAfter = "30" });

        var watch = Stopwatch.StartNew();
        var reply = await Stack.Bus.GetSpaceAsync(Space);
        watch.Stop();

        Assert.Equal(429, reply.Status);
        Assert.Equal(GenieErrorCodes.RateLimited, reply.ErrorCode);
        Assert.Equal(30, reply.Json.GetProperty("error").GetProperty("retry_after_seconds").GetInt32());
        Assert.Equal("30", reply.Header(GenieHeaders.RetryAfter));
        Assert.Contains("retry in 30 s", reply.ErrorText);
        Assert.Equal(1, await Stack.Emulator.CallCountAsync(Space));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed.TotalMilliseconds:0} ms instead of answering at once");
    }

    [Fact]
    public async Task Rate_limiting_that_outlasts_the_retries_is_429_with_when_to_retry()
    {
        await Stack.Emulator.InjectFaultAsync(new EmulatorFault { SpaceId = Space, Status = 429, ErrorCode = "REQUEST_LIMIT_EXCEEDED" });

        var reply = await Stack.Bus.GetSpaceAsync(Space);

        Assert.Equal(429, reply.Status);
        Assert.Equal(GenieErrorCodes.RateLimited, reply.ErrorCode);
        Assert.True(reply.Json.GetProperty("error").GetProperty("retry_after_seconds").GetInt32() >= 1);
        Assert.True(await Stack.Emulator.CallCountAsync(Space) > 1);
    }

    [Fact]
    public async Task A_server_error_once_is_retried_and_succeeds()
    {
        await Stack.Emulator.InjectFaultAsync(new EmulatorFault { SpaceId = Space, Status = 500, ErrorCode = "INTERNAL_ERROR", Times = 1 });

        var reply = await Stack.Bus.GetSpaceAsync(Space);

        Assert.Equal(200, reply.Status);
        Assert.Equal(2, await Stack.Emulator.CallCountAsync(Space));
    }

    [Fact]
    public async Task Persistent_503_is_502_upstream_error_within_the_budget()
    {
        await Stack.Emulator.InjectFaultAsync(new EmulatorFault { SpaceId = Space, Status = 503, ErrorCode = "TEMPORARILY_UNAVAILABLE" });

        var watch = Stopwatch.StartNew();
        var reply = await Stack.Bus.GetSpaceAsync(Space);
        watch.Stop();

        Assert.Equal(502, reply.Status);
        Assert.Equal(GenieErrorCodes.UpstreamError, reply.ErrorCode);
        Assert.True(await Stack.Emulator.CallCountAsync(Space) >= 3, "503 must be retried");
        Assert.True(watch.Elapsed < ResilienceFixture.Budget + Margin, $"took {watch.Elapsed.TotalMilliseconds:0} ms, budget {ResilienceFixture.Budget}");
    }

    [Fact]
    public async Task A_slow_upstream_is_504_upstream_timeout_within_the_budget()
    {
        await Stack.Emulator.InjectFaultAsync(new EmulatorFault { SpaceId = Space, DelayMs = 15_000 });

        var watch = Stopwatch.StartNew();
        var reply = await Stack.Bus.GetSpaceAsync(Space);
        watch.Stop();

        Assert.Equal(504, reply.Status);
        Assert.Equal(GenieErrorCodes.UpstreamTimeout, reply.ErrorCode);
        Assert.True(watch.Elapsed < ResilienceFixture.Budget + Margin, $"took {watch.Elapsed.TotalMilliseconds:0} ms, budget {ResilienceFixture.Budget}");
        Assert.True(watch.Elapsed > TimeSpan.FromSeconds(2.5), $"gave up after {watch.Elapsed.TotalMilliseconds:0} ms, before using the budget");
    }
}
