namespace GenieCanvas.Responder.Bus;

/// <summary>
/// The one clock of a request: its deadline is fixed when it is taken from NATS (arrival + TotalBudget), so waiting
/// for a dispatcher slot, for a Databricks call slot or for a shared call uses up the same budget as the call itself,
/// and the reply always comes before the bridge gives up. <see cref="Token"/> fires at the deadline, or earlier when
/// shutdown abandons the request after its grace period (<see cref="Abandoned"/>). The timer runs on the
/// TimeProvider too (so a FakeTimeProvider drives it in unit tests). Cost: one CancellationTokenSource (with its timer)
/// and one registration on the shutdown token per request.
/// </summary>
public sealed class RequestDeadline : IDisposable
{
    private readonly TimeProvider _time;
    private readonly long _arrived;
    private readonly CancellationToken _hardStop;
    private readonly CancellationTokenSource _expiry;
    private readonly CancellationTokenRegistration _onHardStop;

    public RequestDeadline(TimeProvider time, TimeSpan budget, CancellationToken hardStop)
    {
        _time = time;
        _arrived = time.GetTimestamp();
        _hardStop = hardStop;
        Budget = budget;
        At = time.GetUtcNow() + budget;
        _expiry = new CancellationTokenSource(budget, time);
        _onHardStop = hardStop.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), _expiry);
        // Kept as a field: a shared call may still look at it after this request has replied and disposed the source.
        Token = _expiry.Token;
    }

    /// <summary>The whole budget (Responder:TotalBudget), for messages.</summary>
    public TimeSpan Budget { get; }

    /// <summary>Arrival + budget, on the TimeProvider's clock (the retry and budget strategies compare against it).</summary>
    public DateTimeOffset At { get; }

    public CancellationToken Token { get; }

    /// <summary>True when the requester went away and asked to stop (<c>genie.ask.cancel</c>).</summary>
    public bool CancelledByCaller { get; private set; }

    /// <summary>Ends the request now: its token fires, every wait and call on it ends.</summary>
    public void CancelByCaller()
    {
        CancelledByCaller = true;
        try
        {
            _expiry.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The request finished meanwhile.
        }
    }

    /// <summary>True when shutdown abandoned the request, rather than its time running out.</summary>
    public bool Abandoned => _hardStop.IsCancellationRequested;

    public TimeSpan Elapsed => _time.GetElapsedTime(_arrived);

    /// <summary>What is left, never negative.</summary>
    public TimeSpan Remaining => Budget - Elapsed is { Ticks: > 0 } left ? left : TimeSpan.Zero;

    public void Dispose()
    {
        _onHardStop.Dispose();
        _expiry.Dispose();
    }
}
