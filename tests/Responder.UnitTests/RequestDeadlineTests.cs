using GenieCanvas.Responder.Bus;
using Microsoft.Extensions.Time.Testing;

namespace GenieCanvas.Responder.UnitTests;

/// <summary>The one clock of a request, driven by a FakeTimeProvider.</summary>
public sealed class RequestDeadlineTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void The_token_fires_at_arrival_plus_budget_and_not_before()
    {
        using var deadline = new RequestDeadline(_time, TimeSpan.FromSeconds(8), CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(7.9));
        Assert.False(deadline.Token.IsCancellationRequested);
        Assert.Equal(TimeSpan.FromSeconds(0.1), deadline.Remaining);

        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.Equal(TimeSpan.Zero, deadline.Remaining);
        Assert.False(deadline.Abandoned);
    }

    [Fact]
    public void Shutdown_abandons_the_request_at_once()
    {
        using var hardStop = new CancellationTokenSource();
        using var deadline = new RequestDeadline(_time, TimeSpan.FromSeconds(8), hardStop.Token);

        hardStop.Cancel();

        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.True(deadline.Abandoned);
    }

    [Fact]
    public void At_is_arrival_plus_budget_on_the_providers_clock()
    {
        var arrival = _time.GetUtcNow();
        using var deadline = new RequestDeadline(_time, TimeSpan.FromSeconds(2), CancellationToken.None);

        Assert.Equal(arrival + TimeSpan.FromSeconds(2), deadline.At);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(5), deadline.Elapsed);
    }
}
